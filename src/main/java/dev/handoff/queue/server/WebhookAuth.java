package dev.handoff.queue.server;

import com.sun.net.httpserver.Headers;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may post events. Two checks, each on when configured:
 * <ul>
 *   <li>a static header (what Plugit's {@code webhook.headers} sends), e.g. {@code x-api-key: <secret>};</li>
 *   <li>an HMAC-SHA256 signature: {@code X-Handoff-Signature: sha256=<hex of HMAC(secret, timestamp + "." + raw body)>}
 *       with {@code X-Handoff-Timestamp: <unix seconds>} no further than {@code maxSkew} from the server's clock,
 *       so a captured request cannot be replayed later and a changed body is refused.</li>
 * </ul>
 * Every comparison is constant-time. Failure reasons name headers, never values.
 */
public final class WebhookAuth {

    public static final String TIMESTAMP_HEADER = "X-Handoff-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Handoff-Signature";
    private static final String SCHEME = "sha256=";

    private final String headerName;
    private final Secret headerSecret;
    private final Secret hmacSecret;
    private final Duration maxSkew;
    private final Clock clock;

    public WebhookAuth(String headerName, Secret headerSecret, Secret hmacSecret, Duration maxSkew, Clock clock) {
        this.headerName = headerName;
        this.headerSecret = headerSecret;
        this.hmacSecret = hmacSecret;
        this.maxSkew = maxSkew;
        this.clock = clock;
    }

    /** The reason the static header is refused, or empty when it is accepted (or not configured). */
    public Optional<String> checkHeader(Headers headers) {
        if (headerSecret == null) {
            return Optional.empty();
        }
        if (repeated(headers, headerName)) {
            // which line would count is a guess (a proxy may join them with a comma): neither does
            return Optional.of(headerName + " header given more than once");
        }
        String value = headers.getFirst(headerName);
        if (value == null) {
            return Optional.of("missing " + headerName + " header");
        }
        return headerSecret.matches(value) ? Optional.empty() : Optional.of("wrong " + headerName + " header");
    }

    /** True when the request has more than one line of the header. */
    static boolean repeated(Headers headers, String name) {
        java.util.List<String> values = headers.get(name);
        return values != null && values.size() > 1;
    }

    /** The reason the signature is refused, or empty when it is valid (or not configured). */
    public Optional<String> checkSignature(Headers headers, byte[] body) {
        if (hmacSecret == null) {
            return Optional.empty();
        }
        for (String name : new String[] {TIMESTAMP_HEADER, SIGNATURE_HEADER}) {
            if (repeated(headers, name)) {
                return Optional.of(name + " header given more than once");
            }
        }
        String timestamp = headers.getFirst(TIMESTAMP_HEADER);
        String signature = headers.getFirst(SIGNATURE_HEADER);
        if (timestamp == null || signature == null) {
            return Optional.of("missing " + (timestamp == null ? TIMESTAMP_HEADER : SIGNATURE_HEADER) + " header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " is not unix seconds");
        }
        long skew = Math.abs(clock.millis() / 1000 - seconds);
        if (skew > maxSkew.toSeconds()) {
            return Optional.of(TIMESTAMP_HEADER + " is " + skew + " s from the server's clock (at most "
                    + maxSkew.toSeconds() + " s allowed)");
        }
        byte[] expected = sign(hmacSecret.bytes(), timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of("signature does not match");
    }

    /**
     * For a request whose signature was accepted: the SHA-256 of what the signature covers
     * (timestamp, ".", body), hex. Two requests with the same value are one signed request sent
     * twice: a replay, whatever their unsigned headers (Idempotency-Key, X-Delivery-Id) say.
     * Null when signatures are not checked.
     */
    public String signedHash(Headers headers, byte[] body) {
        String timestamp = headers.getFirst(TIMESTAMP_HEADER);
        if (hmacSecret == null || timestamp == null) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(timestamp.strip().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '.');
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code sha256=<hex>} of HMAC-SHA256(key, timestamp + "." + body): what a sender puts in the signature header. */
    public static String sign(byte[] key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body);
            return SCHEME + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
