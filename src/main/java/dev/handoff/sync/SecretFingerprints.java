package dev.handoff.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.files.AtomicFiles;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What lets push tell that a colleague rotated a secret on the remote: the remote version hash
 * leaves secrets out (it is committed), so for each version a file is made from, this machine
 * keeps in its state directory an HMAC-SHA256 of every secret, keyed with a random key that never
 * leaves the state directory ({@value #KEY_FILE}, mode 0600). Without the key a fingerprint says
 * nothing about the value, not even for a short number; with it, two fingerprints say only
 * "same" or "different".
 */
final class SecretFingerprints {

    static final String KEY_FILE = "secret-fingerprint.key";
    private static final int KEY_BYTES = 32;

    private final Path state;
    private byte[] key;

    SecretFingerprints(Path stateDir) {
        this.state = stateDir;
    }

    /** path (as people read it) -> fingerprint, for every secret of a masked remote. */
    Map<String, String> of(Secrets.Masked masked) {
        Map<String, String> out = new TreeMap<>();
        for (Secrets.Secret s : masked.secrets()) {
            out.put(s.path(), hmac(s.path() + "\n" + canonical(s.value())));
        }
        return out;
    }

    /**
     * Records the fingerprints of the remote version a local file now refers to. A path is stored
     * keyed too ({@link #pathId}): a path can hold a secret itself (a webhook header named with a
     * token, an unknown key, a category titled like a value), and nothing secret is kept in clear.
     */
    void record(Path file, Secrets.Masked masked) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("key_id", keyId());
        root.put("paths", "keyed");
        ObjectNode prints = root.putObject("fingerprints");
        of(masked).forEach((path, print) -> prints.put(pathId(path), print));
        try {
            AtomicFiles.write(file, (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fingerprint record that exists but cannot be compared: damaged, or made with another key
     * (the key file was replaced or deleted). Said as such, not as "fetched elsewhere".
     */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The recorded fingerprints, or empty when this machine has no record for that version;
     * {@link Unreadable} when there is one that cannot be compared.
     */
    /** A record read back: the fingerprint recorded for a path, or null. */
    record Recorded(Map<String, String> prints, boolean keyedPaths, SecretFingerprints owner) {
        String get(String path) {
            return prints.get(keyedPaths ? owner.pathId(path) : path);
        }
    }

    /** Records made before paths were keyed hold them in clear; they are still read. */
    Optional<Recorded> recorded(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Yaml.json().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(file + " is damaged");
        }
        if (root == null || !root.path("fingerprints").isObject()) {
            throw new Unreadable(file + " is damaged");
        }
        if (!Files.isRegularFile(state.resolve(KEY_FILE)) || !keyId().equals(root.path("key_id").asText())) {
            throw new Unreadable(file + " was made with another key than " + state.resolve(KEY_FILE) + " (replaced or deleted?)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        root.get("fingerprints").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return Optional.of(new Recorded(out, "keyed".equals(root.path("paths").asText()), this));
    }

    /**
     * The paths of {@code now}'s secrets whose values differ from those recorded in {@code file}, or empty when there is
     * no record; {@link Unreadable} when there is one that cannot be compared.
     */
    Optional<java.util.Set<String>> changedSince(Path file, Secrets.Masked now) {
        return recorded(file).map(then -> {
            java.util.Set<String> changed = new java.util.LinkedHashSet<>();
            of(now).forEach((path, print) -> {
                String before = then.get(path);
                if (before != null && !before.equals(print)) {
                    changed.add(path);
                }
            });
            return changed;
        });
    }

    String pathId(String path) {
        return hmac("path\n" + path);
    }

    /** Numbers by value and object members in name order, so that the server's formatting is not a change. */
    static String canonical(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isObject()) {
            TreeMap<String, String> members = new TreeMap<>();
            value.properties().forEach(e -> members.put(e.getKey(), canonical(e.getValue())));
            StringBuilder sb = new StringBuilder("{");
            members.forEach((k, v) -> sb.append(quote(k)).append(':').append(v).append(','));
            return sb.append('}').toString();
        }
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            value.forEach(v -> sb.append(canonical(v)).append(','));
            return sb.append(']').toString();
        }
        return value.toString();
    }

    private static String quote(String s) {
        try {
            return Yaml.json().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String keyId() {
        return hmac("handoff key id").substring(0, 16);
    }

    /** An HMAC with this machine's fingerprint key, for other state that must not let a reader test guesses of a secret. */
    String keyed(String message) {
        return hmac(message);
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> posixPermissions(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return AtomicFiles.OWNER_ONLY;
        }
        return Files.getPosixFilePermissions(file);
    }

    private static byte[] freshKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The machine's key, made on first use; two runs making it at once agree on the one that landed first. */
    private byte[] key() {
        if (key != null) {
            return key;
        }
        Path file = state.resolve(KEY_FILE);
        try {
            if (!Files.isRegularFile(file)) {
                dev.handoff.files.PrivatePaths.createDirectories(state);
                byte[] fresh = freshKey();
                Path tmp = Files.createTempFile(state, "." + KEY_FILE + ".", ".tmp");
                try {
                    AtomicFiles.write(tmp, fresh, AtomicFiles.OWNER_ONLY);
                    Files.move(tmp, file); // no REPLACE_EXISTING: a key another run made first wins
                } catch (FileAlreadyExistsException e) {
                    // the other run's key is used below
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            byte[] read = Files.readAllBytes(file);
            if (read.length != KEY_BYTES) {
                // damaged or not ours: a fresh key; records made with the old one then read as made with another key
                read = freshKey();
                AtomicFiles.write(file, read, AtomicFiles.OWNER_ONLY);
            } else if (!AtomicFiles.OWNER_ONLY.containsAll(posixPermissions(file))) {
                Files.setPosixFilePermissions(file, AtomicFiles.OWNER_ONLY); // it is a secret of this machine
            }
            key = read;
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
