package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.files.AtomicFiles;
import dev.handoff.files.PrivatePaths;
import dev.handoff.secret.Redactor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What fetch and push keep in the user's state directory, never in the repository, always with
 * secrets as placeholders: a backup of the remote before every write
 * ({@code backups/<key>/<timestamp>-<hash>.yaml}, recording the target and remote it was taken
 * from), and a copy of each remote version a file was made from ({@code versions/<key>/<hash>.yaml})
 * so that a conflict can show what changed remotely, with keyed fingerprints of its secrets
 * ({@code <hash>.secrets.json}, {@link SecretFingerprints}) so that push can tell a secret rotated
 * on the remote. {@code <key>} is the target's name and a hash of the remote it points to
 * ({@link StateKey}); the folders of older versions, named by the target alone, are still read.
 * Everything written passes the run's {@link Redactor}.
 */
public final class StateFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path state;
    private final Redactor redactor;

    public StateFiles(Path stateDir, Redactor redactor) {
        this.state = stateDir;
        this.redactor = redactor;
    }

    /**
     * A backup file of a remote version.
     *
     * @param created false when the newest backup already held this version and was reused
     */
    public record Backup(Path path, boolean created) {
    }

    /**
     * Writes a backup of a (masked) remote document, unless the newest backup of the target already
     * holds this very version (a push tried again after a failure): one backup per remote state.
     */
    public Backup backup(StateKey key, ObjectNode maskedRemote, String version, Instant now) {
        Path dir = backupFolder(key);
        Optional<Path> newest = newestBackup(dir);
        if (newest.isPresent() && version.equals(versionOf(newest.get()))) {
            return new Backup(newest.get(), false);
        }
        String base = STAMP.format(now) + "-" + hex(version, 12);
        Path file = dir.resolve(base + ".yaml");
        for (int n = 2; Files.exists(file); n++) {
            file = dir.resolve(base + "-" + n + ".yaml");
        }
        try {
            write(file, key.provider(), maskedRemote, version, key.toHeader());
        } catch (UncheckedIOException e) {
            // a full disk said only "no space left on device": which file, and that the remote is untouched, matter here
            throw dev.handoff.error.HandoffException.usage(file + ": cannot write the backup of the remote ("
                            + dev.handoff.files.IoMessages.reason(e.getCause()) + "); nothing was sent",
                    "free space or fix the permissions there (XDG_STATE_HOME moves the state folder), then run this again");
        }
        return new Backup(file, true);
    }

    /** Where the backups of this target's remote are. */
    /** Where an older handoff kept this target's backups (by its name alone), when that folder exists; else null. */
    public Path legacyBackupFolder(StateKey key) {
        String legacy = key.legacyFolder();
        Path dir = legacy == null ? null : state.resolve("backups").resolve(legacy);
        return dir != null && Files.isDirectory(dir) ? dir : null;
    }

    public Path backupFolder(StateKey key) {
        return state.resolve("backups").resolve(key.folder());
    }

    /**
     * Keeps the keyed fingerprints of the secrets the backed-up remote held, in state/backup-secrets/: the backup holds placeholders
     * only, so a restore can tell when the variables would send other values than the remote held then (a colleague's
     * rotation backed up by a restore cannot be put back by restoring that backup, and restore said "secret unchanged").
     */
    void rememberBackupSecrets(Backup backup, Secrets.Masked masked) {
        Path record = backupSecretsFile(backup.path());
        if (record != null) {
            try {
                PrivatePaths.createDirectories(record.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            new SecretFingerprints(state).record(record, masked);
        }
    }

    /**
     * Where the fingerprints of a backup's secrets are kept: state/backup-secrets/, mirroring state/backups/ (which holds
     * backups alone, as people list it); null for a file outside state/backups/ (copied elsewhere).
     */
    private Path backupSecretsFile(Path backup) {
        Path backups = state.resolve("backups").toAbsolutePath().normalize();
        Path file = backup.toAbsolutePath().normalize();
        if (!file.startsWith(backups)) {
            return null;
        }
        return fingerprintsBeside(state.resolve("backup-secrets").resolve(backups.relativize(file).toString()));
    }

    /**
     * The secrets of {@code sent} whose values differ from those the remote held when {@code backup} was taken, by path;
     * empty when this machine kept no fingerprints for that backup (taken elsewhere, or by an older handoff).
     */
    Optional<Set<String>> secretsOtherThanBackedUp(Path backup, Secrets.Masked sent) {
        SecretFingerprints prints = new SecretFingerprints(state);
        Path record = backupSecretsFile(backup);
        if (record == null) {
            return Optional.empty();
        }
        return prints.changedSince(record, sent);
    }

    /** Removes a backup this push made for a write the server refused: the remote was never replaced. */
    public void discard(Backup backup) {
        if (backup != null && backup.created()) {
            try {
                Path record = backupSecretsFile(backup.path());
                if (record != null) {
                    Files.deleteIfExists(record);
                }
                Files.deleteIfExists(backup.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Optional<Path> newestBackup(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (var files = Files.list(dir)) {
            // names start with a UTC timestamp, and "-2", "-3" follow their first within one second
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .max(Comparator.comparing(StateFiles::modified).thenComparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOf(Path backup) {
        try {
            return LocalConfig.of(backup, YamlFiles.readTree(backup)).remoteVersion();
        } catch (RuntimeException e) {
            return null; // unreadable: make a fresh backup
        }
    }

    /** Versions kept per target; older ones only cost the nicer conflict report. */
    static final int VERSIONS_KEPT = 20;

    /** Keeps the remote version a local file now refers to, and forgets the oldest beyond {@link #VERSIONS_KEPT}. */
    public void rememberVersion(StateKey key, ObjectNode maskedRemote, String version) {
        Path file = versionFile(key, version);
        write(file, key.provider(), maskedRemote, version, null);
        try (var files = Files.list(file.getParent())) {
            List<Path> all = files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(StateFiles::modified).reversed()).toList();
            for (Path old : all.subList(Math.min(VERSIONS_KEPT, all.size()), all.size())) {
                Files.deleteIfExists(old);
                Files.deleteIfExists(fingerprintsBeside(old));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fingerprints' keyed HMAC, for a state file that must not let a reader test guesses of a secret. */
    SecretFingerprints fingerprints() {
        return new SecretFingerprints(state);
    }

    /** Like the above, and keeps the keyed fingerprints of the version's secrets ({@link SecretFingerprints}). */
    void rememberVersion(StateKey key, Secrets.Masked masked, String version) {
        rememberVersion(key, masked.document(), version);
        new SecretFingerprints(state).record(fingerprintsBeside(versionFile(key, version)), masked);
    }

    /**
     * As {@link #rememberVersion(StateKey, Secrets.Masked, String)} after an applied write, where the
     * copy only serves later checks: a failure is returned as the file and its reason, never thrown.
     */
    String rememberVersionAfterWrite(StateKey key, Secrets.Masked masked, String version) {
        try {
            rememberVersion(key, masked, version);
            return null;
        } catch (UncheckedIOException e) {
            return versionFile(key, version) + " (" + dev.handoff.files.IoMessages.reason(e.getCause()) + ")";
        }
    }

    /**
     * Which secrets of {@code remote} are not what they were in {@code version}, by path; empty
     * when this machine recorded no fingerprints for that version (the file was fetched elsewhere).
     */
    Optional<Set<String>> secretsChangedSince(StateKey key, String version, Secrets.Masked remote) {
        if (version == null) {
            return Optional.empty();
        }
        SecretFingerprints prints = new SecretFingerprints(state);
        Path fingerprints = fingerprintsBeside(versionFile(key, version));
        if (!Files.exists(fingerprints) && !Files.exists(versionFile(key, version))) {
            Path legacy = legacyVersionFile(key, version);
            fingerprints = legacy == null ? fingerprints : fingerprintsBeside(legacy);
        }
        return prints.changedSince(fingerprints, remote);
    }

    private static Path fingerprintsBeside(Path versionYaml) {
        String name = versionYaml.getFileName().toString();
        return versionYaml.resolveSibling(name.substring(0, name.length() - ".yaml".length()) + ".secrets.json");
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** The remembered document of a version, if this machine saw it. */
    public Optional<ObjectNode> version(StateKey key, String version) {
        Path file = versionFile(key, version);
        if (!Files.isRegularFile(file)) {
            file = legacyVersionFile(key, version);
        }
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalConfig.of(file, YamlFiles.readTree(file)).document());
        } catch (RuntimeException e) {
            return Optional.empty(); // a damaged copy only costs the nicer conflict report
        }
    }

    /** Where a Plugit create's Idempotency-Key waits until the agent's id is recorded ({@link PendingCreate}). */
    /**
     * One marker per target, remote and origin (project file and local file): another repository
     * with the same target name neither takes nor removes this one's pending create.
     */
    Path pendingCreateFile(StateKey key, String origin) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(origin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return state.resolve("creates").resolve(key.folder() + "-" + java.util.HexFormat.of().formatHex(digest).substring(0, 12) + ".json");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Writes a state file readable by its owner alone, making its folders as needed. */
    void writePrivate(Path file, byte[] content) throws IOException {
        PrivatePaths.createDirectories(file.getParent());
        AtomicFiles.write(file, content, AtomicFiles.OWNER_ONLY);
    }

    private Path versionFile(StateKey key, String version) {
        return state.resolve("versions").resolve(key.folder()).resolve(hex(version, 64) + ".yaml");
    }

    /** The copy an older handoff kept under the target's name alone, or null. */
    private Path legacyVersionFile(StateKey key, String version) {
        String legacy = key.legacyFolder();
        return legacy == null ? null : state.resolve("versions").resolve(legacy).resolve(hex(version, 64) + ".yaml");
    }

    /** @param origin what a backup records of its target and remote ({@link StateKey#toHeader}), or null */
    private void write(Path file, Provider provider, ObjectNode maskedRemote, String version, ObjectNode origin) {
        try {
            PrivatePaths.createDirectories(file.getParent());
            ObjectNode withHeader = new LocalConfig(file, provider, MaskedText.maskAll(maskedRemote, redactor), version).withHeader();
            if (origin != null) {
                ((ObjectNode) withHeader.get(LocalConfig.HEADER)).set(StateKey.BACKUP_OF, origin);
            }
            String yaml = redactor.redact(CanonicalForm.toYaml(provider, withHeader));
            AtomicFiles.write(file, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(String version, int length) {
        String h = version.startsWith("sha256:") ? version.substring(7) : version;
        h = h.replaceAll("[^0-9a-fA-F]", "");
        return h.length() > length ? h.substring(0, length) : h;
    }
}
