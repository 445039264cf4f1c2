package dev.handoff.queue.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Position in the created-at order; opaque to clients. */
record Cursor(long createdMs, long id) {
    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdMs + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int colon = plain.indexOf(':');
            return new Cursor(Long.parseLong(plain.substring(0, colon)), Long.parseLong(plain.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InboxStore.InvalidCursorException();
        }
    }
}
