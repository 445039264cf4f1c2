package dev.handoff.remote;

import dev.handoff.error.HandoffException;

/**
 * A write the server certainly did not apply: it answered with a refusal (4xx, 412, a redirect),
 * or the connection was never made. Push drops the backup it took for such a write.
 */
public final class WriteRefused extends HandoffException {

    private final boolean stateConflict;
    private final ApiCall retried;

    WriteRefused(HandoffException e) {
        this(e, false, null);
    }

    /**
     * @param stateConflict a 409: the server refused the write for the remote's state, not for a version tag it compared
     * @param retried       the write, when this refusal answered a retry: an earlier attempt whose answer was lost may have been applied
     */
    WriteRefused(HandoffException e, boolean stateConflict, ApiCall retried) {
        super(e.kind(), e.getMessage(), e.hint(), e.getCause());
        this.stateConflict = stateConflict;
        this.retried = retried;
    }

    /**
     * The refused write when the refusal answered a retry, else empty. A 412 or 409 to a retried
     * keyed write may be the server's answer to that write's own first attempt, which moved the ETag.
     */
    public java.util.Optional<ApiCall> retried() {
        return java.util.Optional.ofNullable(retried);
    }

    /** True for a 409 (Conflict), false for a 412 (the version tag sent with If-Match no longer matched) and other refusals. */
    public boolean stateConflict() {
        return stateConflict;
    }
}
