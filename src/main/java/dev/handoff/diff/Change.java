package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One difference between the remote document and the local file, seen from the remote: what
 * pushing the local file would do. Values at secret paths are never held here, only placeholders
 * or {@link SecretCompared} verdicts.
 */
public sealed interface Change permits Change.Added, Change.Removed, Change.Modified, Change.SecretCompared {

    DiffPath path();

    /** True for everything that would change the remote; a secret that is unchanged or unknown is not. */
    default boolean isChange() {
        return true;
    }

    /** Only the local file has it. */
    record Added(DiffPath path, JsonNode value) implements Change {
    }

    /** Only the remote has it. */
    record Removed(DiffPath path, JsonNode value) implements Change {
    }

    /** Both have it with different values. */
    record Modified(DiffPath path, JsonNode from, JsonNode to) implements Change {
    }

    /**
     * A secret both sides have, compared without showing either value.
     *
     * @param variable        the {@code ${env:NAME}} variable of the local side, or null when the file holds a literal
     * @param changedOnRemote the remote's value is not the one the file was fetched with (a colleague
     *                        rotated it): a push would put the old value back rather than send a new one
     */
    record SecretCompared(DiffPath path, SecretState state, String variable, boolean changedOnRemote) implements Change {

        public SecretCompared(DiffPath path, SecretState state, String variable) {
            this(path, state, variable, false);
        }

        @Override
        public boolean isChange() {
            return state == SecretState.CHANGED;
        }
    }

    enum SecretState {
        CHANGED, UNCHANGED,
        /** The local placeholder's variable is not set, so the value could not be compared. */
        NOT_COMPARED
    }
}
