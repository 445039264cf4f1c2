package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;

/** Lets tests in other packages compute what the tool computes. */
public final class SyncTestAccess {

    private SyncTestAccess() {
    }

    public static String remoteVersion(Provider provider, ObjectNode remote) {
        return Secrets.remoteVersion(provider, remote);
    }
}
