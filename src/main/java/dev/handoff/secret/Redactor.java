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
 * JSON-escaped, with HTML entities, inside base64 ({@link EncodedForms}), in either case, and a
 * piece of it cut short by the echo ({@link Fragments}).
 */
public final class Redactor {

    public static final String MASK = "<redacted>";

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_]*}");

    /** Shorter secrets are masked only where they stand alone (a test token "t0k3" is in every URL). */
    private static final int SHORT = 8;

    /**
     * Shorter values are not masked at all: a header such as {@code x-tenant: 1} is no credential,
     * and masking every "1" in the output ({@code http://127.0.0.<redacted>:8080}) garbles each
     * message while hiding nothing an attacker could not guess in a few tries.
     */
    static final int MASKABLE = 4;

    private final Map<String, EncodedForms> secrets = new ConcurrentHashMap<>();
    private volatile List<EncodedForms> ordered = List.of();
    /** The same, only the secrets of at least {@link #SHORT} characters ({@link #redactLong}). */
    private volatile List<EncodedForms> orderedLong = List.of();
    private volatile List<Fragments> fragments = List.of();
    /**
     * The secrets beyond ASCII as a byte-per-character reader shows them; masked after the secrets themselves (their
     * chunks would otherwise cut a secret's own match apart) and before the fragments.
     */
    private volatile List<EncodedForms> misread = List.of();

    public static Redactor of(String... secrets) {
        Redactor r = new Redactor();
        for (String s : secrets) {
            r.add(s);
        }
        return r;
    }

    /**
     * Values a header may hold that are no credential and stand in every other text: masking them
     * turned {@code disableAI: true} and "Answer true or false" into {@code <redacted>}.
     */
    private static final java.util.Set<String> WORDS = java.util.Set.of("true", "false", "null", "none", "yes", "no", "on", "off");

    /**
     * Registers a secret (null values, those under {@link #MASKABLE} characters besides spaces, and words such as "true" are ignored).
     * A secret with characters beyond ASCII is also registered as its UTF-8 bytes read one byte a character (ISO-8859-1,
     * Windows-1252): how a server's echo of it comes back through a reader of a byte-per-character protocol (an SMTP
     * reply), where "Pässwörd" reads "PÃ¤sswÃ¶rd" and only its ASCII tail was masked.
     */
    public synchronized void add(String secret) {
        if (!addOne(secret) || secret.chars().allMatch(c -> c < 0x80)) {
            return;
        }
        byte[] utf8 = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.Set<String> readings = new java.util.LinkedHashSet<>();
        readings.add(new String(utf8, java.nio.charset.StandardCharsets.ISO_8859_1));
        try {
            readings.add(new String(utf8, java.nio.charset.Charset.forName("windows-1252")));
        } catch (IllegalArgumentException noSuchCharset) {
            // ISO-8859-1 above covers the bytes 0x80-0x9f left undefined by it
        }
        // the same secret in Unicode's other forms: a server (or macOS) decomposes accents, and "Pässwörd" came back as
        // a, then a combining diaeresis, shown almost whole
        for (java.text.Normalizer.Form form : java.text.Normalizer.Form.values()) {
            String other = java.text.Normalizer.normalize(secret, form);
            if (!other.equals(secret)) {
                readings.add(other);
            }
        }
        List<EncodedForms> more = new java.util.ArrayList<>(misread);
        readings.forEach(r -> more.add(EncodedForms.of(r, r.length() < SHORT)));
        misread = List.copyOf(more);
    }

    /** @return whether it was registered */
    private boolean addOne(String secret) {
        if (secret == null || secret.strip().codePointCount(0, secret.strip().length()) < MASKABLE || secrets.containsKey(secret)
                || WORDS.contains(secret.strip().toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        secrets.put(secret, EncodedForms.of(secret, secret.length() < SHORT));
        // longest first, so a secret that contains another is masked whole
        List<String> longestFirst = secrets.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s)).toList();
        ordered = longestFirst.stream().map(secrets::get).toList();
        orderedLong = longestFirst.stream().filter(s -> s.length() >= SHORT).map(secrets::get).toList();
        List<Fragments> pieces = Fragments.allOf(secret);
        if (!pieces.isEmpty()) {
            List<Fragments> more = new java.util.ArrayList<>(fragments);
            more.addAll(pieces);
            fragments = List.copyOf(more);
        }
        return true;
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /**
     * Masks only the secrets of at least {@code SHORT} characters: for text written to a file the
     * user keeps (a fetched configuration), where a short header value ("Prod", "ACME") stands for
     * a word of the text far more often than for a credential.
     */
    public String redactLong(String text) {
        return redact(text, orderedLong, true);
    }

    public String redact(String text) {
        return redact(text, ordered, true);
    }

    /**
     * What stdout prints: {@link #redact}, or only whole secrets once a command said its stdout holds
     * others' words. tail prints customers' names, messages and phone numbers as they came: an
     * 8-character piece of the operator token in them ("+4915112345678" holds "12345678") was masked
     * as a secret cut short, which protected nothing and broke the data. Servers' echoes, on stderr,
     * keep the fragment masking.
     */
    public String redactStdout(String text) {
        return redact(text, ordered, !stdoutHoldsOthersWords);
    }

    private volatile boolean stdoutHoldsOthersWords;

    /** From now on stdout masks whole secrets (in every encoded form), not pieces of them ({@link #redactStdout}). */
    public void stdoutHoldsOthersWords() {
        stdoutHoldsOthersWords = true;
    }

    private String redact(String text, List<EncodedForms> secretsLongestFirst, boolean withFragments) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (EncodedForms secret : secretsLongestFirst) {
            out = secret.mask(out, MASK);
        }
        for (EncodedForms secret : misread) {
            out = secret.mask(out, MASK);
        }
        // then what is left of a secret cut short in the echo
        return withFragments ? outsidePlaceholderNames(out) : out;
    }

    /** Placeholders' names and the public words: the fragment pass leaves them whole. */
    private volatile java.util.regex.Pattern kept = PLACEHOLDER;
    private final java.util.Set<String> publicWords = new java.util.TreeSet<>(
            java.util.Comparator.comparingInt(String::length).reversed().thenComparing(java.util.Comparator.naturalOrder()));

    /**
     * A text known to be no secret, such as a notification channel's name from the committed file: the
     * fragment pass leaves it whole. A channel named after a piece of its own webhook URL ("redir307")
     * came out as {@code <redacted>} in every notify log line, so an operator could not tell which
     * channel failed. A whole secret equal to it is still masked.
     */
    public synchronized void publicWord(String word) {
        if (word == null || word.length() < SHORT || !publicWords.add(word)) {
            return;
        }
        StringBuilder alternatives = new StringBuilder(PLACEHOLDER.pattern());
        for (String w : publicWords) {
            // standing alone only: inside a longer run ("k9Qz7Lmredir307Ab3x") it is part of a secret cut short
            alternatives.append("|(?<![\\p{L}\\p{N}_-])").append(java.util.regex.Pattern.quote(w)).append("(?![\\p{L}\\p{N}_-])");
        }
        kept = java.util.regex.Pattern.compile(alternatives.toString());
    }

    /**
     * The fragment pass, except inside the names of {@code ${env:NAME}} placeholders: a name is made of
     * the file's keys, and eight characters of it that happen to be a piece of a secret ("APIKEY_2" of
     * "CAMELAPIKEY_2wQ9e") turned a written placeholder into a broken one. A whole secret there is still masked above.
     */
    private String outsidePlaceholderNames(String text) {
        java.util.regex.Matcher m = kept.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(fragmentsMasked(text.substring(last, m.start()))).append(m.group());
            last = m.end();
        }
        return out.append(fragmentsMasked(text.substring(last))).toString();
    }

    private String fragmentsMasked(String text) {
        String out = text;
        for (Fragments pieces : fragments) {
            out = pieces.mask(out, MASK);
        }
        return out;
    }
}
