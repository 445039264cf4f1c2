package dev.handoff.sync;

import dev.handoff.diff.SecretComparator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The remote's secrets that changed since the version a file (or plan, or backup) was made from,
 * as far as this machine's fingerprints tell ({@link SecretFingerprints}).
 *
 * @param recorded false when this machine has no usable fingerprints for that version
 * @param why      with recorded false: why not, for the one line push prints
 * @param paths    the changed secrets, as people read their paths
 * @param pointers the same, as pointers into the canonical remote document
 */
record SecretDrift(boolean recorded, Set<String> paths, Set<String> pointers, String why) {

    static final SecretDrift NONE = new SecretDrift(true, Set.of(), Set.of(), null);

    static SecretDrift of(Session session, String baseVersion, RemoteSnapshot remote) {
        if (!remote.exists() || remote.masked().secrets().isEmpty()) {
            return NONE; // nothing secret to have changed
        }
        java.util.Optional<Set<String>> changed;
        try {
            changed = session.state().secretsChangedSince(session.stateKey(), baseVersion, remote.masked());
        } catch (SecretFingerprints.Unreadable e) {
            return new SecretDrift(false, Set.of(), Set.of(), e.getMessage());
        }
        if (changed.isEmpty()) {
            return new SecretDrift(false, Set.of(), Set.of(), "this machine has no fingerprints of the remote's secrets for that version "
                    + "(fetched elsewhere?)");
        }
        Set<String> pointers = new LinkedHashSet<>();
        for (Secrets.Secret s : remote.masked().secrets()) {
            if (changed.get().contains(s.path())) {
                pointers.add(s.pointer());
            }
        }
        return new SecretDrift(true, Set.copyOf(changed.get()), Set.copyOf(pointers), null);
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
