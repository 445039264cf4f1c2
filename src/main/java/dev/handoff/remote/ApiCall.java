package dev.handoff.remote;

import okhttp3.HttpUrl;

/**
 * One HTTP request to a vendor API.
 *
 * @param body           JSON text to send, or null
 * @param idempotencyKey sent as {@code Idempotency-Key}; makes a POST or PATCH safe to retry
 * @param notFoundHint   what to tell the user on a 404 (which setting is probably wrong)
 */
public record ApiCall(String method, HttpUrl url, String body, String idempotencyKey, String notFoundHint) {

    public static ApiCall get(HttpUrl url, String notFoundHint) {
        return new ApiCall("GET", url, null, null, notFoundHint);
    }

    /** GET, or a write the server de-duplicates by its key. */
    public boolean safeToRepeat() {
        return method.equals("GET") || method.equals("HEAD")
                || (idempotencyKey != null && (method.equals("POST") || method.equals("PATCH")));
    }

    @Override
    public String toString() {
        return method + " " + url;
    }
}
