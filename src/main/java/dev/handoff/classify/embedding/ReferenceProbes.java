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
     */
    static ReferenceProbes read(InputStream in) throws IOException {
        Map<String, Probe> out = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int sp = line.indexOf(' ');
            String key = sp < 0 ? line : line.substring(0, sp);
            String value = sp < 0 ? "" : line.substring(sp + 1).strip();
            if (key.equals("criterion") && !fields.isEmpty()) {
                Probe p = probe(fields);
                out.put(p.criterion(), p);
                fields.clear();
            }
            fields.put(key, value);
        }
        if (!fields.isEmpty()) {
            Probe p = probe(fields);
            out.put(p.criterion(), p);
        }
        return new ReferenceProbes(out);
    }

    private static Probe probe(Map<String, String> f) {
        String[] parts = f.getOrDefault("weights", "").split(" ");
        float[] w = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            w[i] = Float.parseFloat(parts[i]);
        }
        if (w.length != 2 * SentenceEncoder.DIMENSION) {
            throw new IllegalStateException("reference probe " + f.get("criterion") + ": " + w.length + " weights, expected "
                    + 2 * SentenceEncoder.DIMENSION);
        }
        return new Probe(f.get("criterion"), f.get("description-sha1"), Double.parseDouble(f.getOrDefault("blend", "0")), w,
                Double.parseDouble(f.get("bias")), f.getOrDefault("fitted-on", ""));
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
