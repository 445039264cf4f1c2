package dev.handoff.remote;

import dev.handoff.error.HandoffException;

/**
 * A write the server certainly did not apply: it answered with a refusal (4xx, 412, a redirect),
 * or the connection was never made. Push drops the backup it took for such a write.
 */
public final class WriteRefused extends HandoffException {

    WriteRefused(HandoffException e) {
        super(e.kind(), e.getMessage(), e.hint(), e.getCause());
    }
}
