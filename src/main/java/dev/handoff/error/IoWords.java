package dev.handoff.error;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * A network failure in plain words ("connection refused", not "ConnectException: ..."), shared by the
 * remote client and the notification senders so that logs and outbox rows never carry Java class names.
 */
public final class IoWords {

    private IoWords() {
    }

    /** The first recognised network failure in the cause chain, in words; else the innermost message. */
    public static String describe(Throwable e) {
        String fallback = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String words = known(t);
            if (words != null) {
                return words;
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                fallback = t.getMessage().strip();
            }
        }
        return fallback == null ? "connection failed" : fallback;
    }

    /** True when the failure happened before a connection existed (refused, unknown host, no route). */
    public static boolean notConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String known(Throwable t) {
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
            return "timed out";
        }
        if (t instanceof java.io.EOFException) {
            // okio's "\n not found: limit=0 content=..." when a server closes a kept-alive connection
            return "the server closed the connection without answering";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "TLS handshake failed" + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return null;
    }
}
