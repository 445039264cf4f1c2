package dev.handoff.classify.embedding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Probes fitted offline on an LLM's labels of whole turns (see docs/embedded-classifier.md and
 * NOTICE): one per criterion, valid only for the exact description the labels were made for, so a
 * criterion reworded or a configuration of one's own falls back to the probes learned at load time
 * from its example phrases. The resource holds weights only, never the labelled texts; it is
 * rewritten by {@code bench/fit-reference.sh}.
 *
 * <p>A turn's features are the mean of its sentence vectors (the whole message) followed by the
 * mean of the earlier user messages' vectors, zero without them (see {@link #features}).
 */
final class ReferenceProbes {

    static final String RESOURCE = "reference-probes.txt";
    /** Earlier user messages whose mean is the second half of a turn's features. */
    static final int CONTEXT_MESSAGES = 2;

    /**
     * One fitted criterion.
     *
     * @param blend weight of the phrase probe (fitted at load time) in the score; the rest is this probe
     */
    record Probe(String criterion, String descriptionSha1, double blend, float[] weights, double bias, String fittedOn) {

        double probability(float[] features) {
            return LogisticRegression.sigmoid(Vectors.dot(weights, features) + bias);
        }
    }

    private final Map<String, Probe> byCriterion;

    ReferenceProbes(Map<String, Probe> byCriterion) {
        this.byCriterion = Map.copyOf(byCriterion);
    }

    static final ReferenceProbes NONE = new ReferenceProbes(Map.of());

    /** The probe for this criterion if it was fitted for exactly this description. */
    Probe forCriterion(String name, String description) {
        Probe p = byCriterion.get(name);
        return p != null && p.descriptionSha1.equals(sha1(description)) ? p : null;
    }

    boolean isEmpty() {
        return byCriterion.isEmpty();
    }

    /** Whole message (mean of its pieces) then earlier user messages (mean of their means); unit halves. */
    static float[] features(List<float[]> currentPieces, List<List<float[]>> earlierMessages) {
        int d = currentPieces.get(0).length;
        float[] out = new float[2 * d];
        System.arraycopy(Vectors.mean(currentPieces), 0, out, 0, d);
        List<float[]> earlier = new ArrayList<>();
        for (int i = 0; i < earlierMessages.size() && i < CONTEXT_MESSAGES; i++) {
            if (!earlierMessages.get(i).isEmpty()) {
                earlier.add(Vectors.mean(earlierMessages.get(i)));
            }
        }
        if (!earlier.isEmpty()) {
            System.arraycopy(Vectors.mean(earlier), 0, out, d, d);
        }
        return out;
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The built-in probes, or none when the resource is absent. */
    static ReferenceProbes builtin() {
        try (InputStream in = ReferenceProbes.class.getResourceAsStream(RESOURCE)) {
            return in == null ? NONE : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReferenceProbes read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Format: '#' comments; per criterion the lines {@code criterion NAME}, {@code description-sha1 HEX},
     * {@code fitted-on TEXT}, {@code blend X}, {@code bias X}, {@code weights X X ...}.
     *
     * @throws IllegalArgumentException "line N: what is wrong", for a file a user names: a field missing, a number that is
     *                                  not finite or out of range (a NaN blend never fired, silently)
     */
    static ReferenceProbes read(InputStream in) throws IOException {
        Map<String, Probe> out = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        int start = 0;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int number = 0;
        for (String line; (line = r.readLine()) != null; ) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark, as Windows editors write one
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            line = line.strip();
            int sp = line.indexOf(' ');
            int tab = line.indexOf('\t');
            sp = sp < 0 ? tab : tab < 0 ? sp : Math.min(sp, tab);
            String key = sp < 0 ? line : line.substring(0, sp);
            String value = sp < 0 ? "" : line.substring(sp + 1).strip();
            if (!FIELDS.contains(key)) {
                // the text is not quoted: a file named by mistake (.env, .git-credentials) starts with a secret
                throw new IllegalArgumentException("line " + number + " is no line of a probe file (each starts with one of "
                        + String.join(", ", FIELDS) + "): is this the file bench/fit-reference.sh wrote?");
            }
            if (key.equals("criterion")) {
                if (!fields.isEmpty()) {
                    put(out, probe(fields, start));
                    fields.clear();
                }
                start = number;
            } else if (fields.isEmpty()) {
                throw new IllegalArgumentException("line " + number + ": '" + key + "' before any 'criterion' line");
            }
            if (fields.put(key, value) != null) {
                throw new IllegalArgumentException("line " + number + ": a second '" + key + "' for one criterion");
            }
        }
        if (!fields.isEmpty()) {
            put(out, probe(fields, start));
        }
        return new ReferenceProbes(out);
    }

    private static final List<String> FIELDS = List.of("criterion", "description-sha1", "fitted-on", "blend", "bias", "weights");

    private static void put(Map<String, Probe> out, Probe p) {
        if (out.put(p.criterion(), p) != null) {
            throw new IllegalArgumentException("criterion '" + p.criterion() + "' has two probes");
        }
    }

    private static Probe probe(Map<String, String> f, int line) {
        String at = "the probe of line " + line + " (criterion '" + dev.handoff.text.Shorten.to(f.get("criterion"), 60) + "')";
        for (String required : List.of("criterion", "description-sha1", "bias", "weights")) {
            if (f.get(required) == null || f.get(required).isEmpty()) {
                throw new IllegalArgumentException(at + ": no '" + required + "' line");
            }
        }
        if (!f.get("description-sha1").matches("[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(at + ": description-sha1 is not 40 hexadecimal digits");
        }
        String[] parts = f.get("weights").split("\\s+");
        if (parts.length != 2 * SentenceEncoder.DIMENSION) {
            throw new IllegalArgumentException(at + ": " + parts.length + " weights, expected " + 2 * SentenceEncoder.DIMENSION);
        }
        float[] w = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            w[i] = (float) finite(parts[i], at + ": weight " + (i + 1));
        }
        double blend = finite(f.getOrDefault("blend", "0"), at + ": blend");
        if (blend < 0 || blend > 1) {
            throw new IllegalArgumentException(at + ": blend " + f.get("blend") + " is not from 0 to 1");
        }
        return new Probe(f.get("criterion"), f.get("description-sha1").toLowerCase(Locale.ROOT), blend, w,
                finite(f.get("bias"), at + ": bias"),
                f.getOrDefault("fitted-on", ""));
    }

    private static double finite(String text, String what) {
        double x;
        try {
            x = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + dev.handoff.text.Shorten.to(text, 20) + "' is not a number");
        }
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(what + ": " + text + " is not a finite number");
        }
        return x;
    }

    static String write(List<Probe> probes, String header) {
        StringBuilder sb = new StringBuilder();
        header.lines().forEach(l -> sb.append("# ").append(l).append('\n'));
        for (Probe p : probes) {
            sb.append("criterion ").append(p.criterion()).append('\n');
            sb.append("description-sha1 ").append(p.descriptionSha1()).append('\n');
            sb.append("fitted-on ").append(p.fittedOn()).append('\n');
            sb.append(String.format(Locale.ROOT, "blend %.2f%n", p.blend()));
            sb.append(String.format(Locale.ROOT, "bias %.5f%n", p.bias()));
            sb.append("weights");
            for (float x : p.weights()) {
                sb.append(' ').append(String.format(Locale.ROOT, "%.5f", x));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
