package dev.handoff.remote;

import dev.handoff.error.HandoffException;

/**
 * A read the server answered with 404: what was asked for does not exist there (or the URL is
 * wrong). Push tells it apart after a create: the agent the POST named does not exist.
 */
public final class NotFound extends HandoffException {

    NotFound(HandoffException e) {
        super(e.kind(), e.getMessage(), e.hint(), e.getCause());
    }
}
