package dev.handoff.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret one run of the tool knows (API token, webhook header values read from a remote,
 * values of {@code ${env:NAME}} placeholders), and the one function that masks them. All output
 * passes through it: the command line's stdout and stderr ({@link RedactingWriter}), request logs,
 * error messages built from a server's answer, and the files written to the state directory.
 *
 * <p>A secret is also masked in the forms a server is likely to echo it in: JSON-escaped and
 * URL-encoded.
 */
public final class Redactor {

    public static final String MASK = "<redacted>";

    /** Shorter secrets are masked only where they stand alone (a test token "t" is in every URL). */
    private static final int SHORT = 8;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private volatile List<String> ordered = List.of();

    public static Redactor of(String... secrets) {
        Redactor r = new Redactor();
        for (String s : secrets) {
            r.add(s);
        }
        return r;
    }

    /** Registers a secret (null and blank values are ignored). */
    public void add(String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        boolean changed = secrets.add(secret);
        String json = jsonEscaped(secret);
        changed |= secrets.add(json);
        changed |= secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        if (changed) {
            // longest first, so a secret that contains another is masked whole
            ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s)).toList();
        }
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : ordered) {
            if (secret.length() >= SHORT) {
                out = out.replace(secret, MASK);
            } else if (out.contains(secret)) {
                out = out.replaceAll("(?<![\\w-])" + Pattern.quote(secret) + "(?![\\w-])", Matcher.quoteReplacement(MASK));
            }
        }
        return out;
    }

    private static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '/' -> b.append("\\/");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
