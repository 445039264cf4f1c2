package dev.handoff.sync;

import dev.handoff.diff.SecretComparator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The remote's secrets that changed since the version a file (or plan, or backup) was made from,
 * as far as this machine's fingerprints tell ({@link SecretFingerprints}).
 *
 * @param recorded false when this machine has no fingerprints for that version (fetched elsewhere)
 * @param paths    the changed secrets, as people read their paths
 * @param pointers the same, as pointers into the canonical remote document
 */
record SecretDrift(boolean recorded, Set<String> paths, Set<String> pointers) {

    static final SecretDrift NONE = new SecretDrift(true, Set.of(), Set.of());

    static SecretDrift of(SyncEnvironment env, String target, String baseVersion, RemoteSnapshot remote) {
        if (!remote.exists() || remote.masked().secrets().isEmpty()) {
            return NONE; // nothing secret to have changed
        }
        var changed = new StateFiles(env.dirs().state(), env.redactor()).secretsChangedSince(target, baseVersion, remote.masked());
        if (changed.isEmpty()) {
            return new SecretDrift(false, Set.of(), Set.of());
        }
        Set<String> pointers = new LinkedHashSet<>();
        for (Secrets.Secret s : remote.masked().secrets()) {
            if (changed.get().contains(s.path())) {
                pointers.add(s.pointer());
            }
        }
        return new SecretDrift(true, Set.copyOf(changed.get()), Set.copyOf(pointers));
    }

    /** The comparator of the remote's secrets against the local placeholders, knowing which side moved. */
    SecretComparator comparator(RemoteSnapshot remote, java.util.Map<String, String> env) {
        return remote.masked().comparator(env, pointers);
    }

    /** Paths in document order, for messages. */
    List<String> sortedPaths() {
        return paths.stream().sorted().toList();
    }
}
