package dev.handoff.remote;

import dev.handoff.error.HandoffException;

/**
 * A write the server certainly did not apply: it answered with a refusal (4xx, 412, a redirect),
 * or the connection was never made. Push drops the backup it took for such a write.
 */
public final class WriteRefused extends HandoffException {

    private final boolean stateConflict;

    WriteRefused(HandoffException e) {
        this(e, false);
    }

    /** @param stateConflict a 409: the server refused the write for the remote's state, not for a version tag it compared */
    WriteRefused(HandoffException e, boolean stateConflict) {
        super(e.kind(), e.getMessage(), e.hint(), e.getCause());
        this.stateConflict = stateConflict;
    }

    /** True for a 409 (Conflict), false for a 412 (the version tag sent with If-Match no longer matched) and other refusals. */
    public boolean stateConflict() {
        return stateConflict;
    }
}
