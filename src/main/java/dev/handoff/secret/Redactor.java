package dev.handoff.secret;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret one run of the tool knows (API token, webhook header values read from a remote,
 * values of {@code ${env:NAME}} placeholders), and the one function that masks them. All output
 * passes through it: the command line's stdout and stderr ({@link RedactingWriter}), request logs,
 * error messages built from a server's answer, and the files written to the state directory.
 *
 * <p>A secret is also masked in the forms a server is likely to echo it in: percent-encoded,
 * JSON-escaped, with HTML entities ({@link EncodedForms}).
 */
public final class Redactor {

    public static final String MASK = "<redacted>";

    /** Shorter secrets are masked only where they stand alone (a test token "t" is in every URL). */
    private static final int SHORT = 8;

    private final Map<String, EncodedForms> secrets = new ConcurrentHashMap<>();
    private volatile List<EncodedForms> ordered = List.of();

    public static Redactor of(String... secrets) {
        Redactor r = new Redactor();
        for (String s : secrets) {
            r.add(s);
        }
        return r;
    }

    /** Registers a secret (null and blank values are ignored). */
    public synchronized void add(String secret) {
        if (secret == null || secret.isBlank() || secrets.containsKey(secret)) {
            return;
        }
        secrets.put(secret, EncodedForms.of(secret, secret.length() < SHORT));
        // longest first, so a secret that contains another is masked whole
        ordered = secrets.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s))
                .map(secrets::get).toList();
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (EncodedForms secret : ordered) {
            out = secret.mask(out, MASK);
        }
        return out;
    }
}
