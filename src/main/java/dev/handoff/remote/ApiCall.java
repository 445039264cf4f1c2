package dev.handoff.remote;

import okhttp3.HttpUrl;

/**
 * One HTTP request to a vendor API.
 *
 * @param body           JSON text to send, or null
 * @param idempotencyKey sent as {@code Idempotency-Key}; makes a POST or PATCH safe to retry
 * @param notFoundHint   what to tell the user on a 404 (which setting is probably wrong)
 * @param ifMatch        sent as {@code If-Match} (the ETag the document was read with), or null
 */
public record ApiCall(String method, HttpUrl url, String body, String idempotencyKey, String notFoundHint, String ifMatch) {

    public ApiCall(String method, HttpUrl url, String body, String idempotencyKey, String notFoundHint) {
        this(method, url, body, idempotencyKey, notFoundHint, null);
    }

    public static ApiCall get(HttpUrl url, String notFoundHint) {
        return new ApiCall("GET", url, null, null, notFoundHint);
    }

    /** The same call, sent only if the document still has this ETag. */
    public ApiCall ifMatch(String etag) {
        return new ApiCall(method, url, body, idempotencyKey, notFoundHint, etag);
    }

    /** GET, or a write the server de-duplicates by its key. */
    public boolean safeToRepeat() {
        return method.equals("GET") || method.equals("HEAD")
                || (idempotencyKey != null && (method.equals("POST") || method.equals("PATCH")));
    }

    public boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    @Override
    public String toString() {
        return method + " " + url;
    }
}
