package dev.handoff.queue.server;

import dev.handoff.queue.HandoffJson;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * How the inbox runs. Secrets are {@link Secret}s, so printing the settings prints none.
 *
 * @param webhookSecret the expected value of {@code webhookHeader}, or null when only HMAC is checked
 * @param hmacSecret    the key of the request signature, or null when signatures are not checked
 * @param maxSkew       how far a signed timestamp may be from the server's clock
 * @param heartbeat     idle time after which a stream sends a comment line
 * @param shutdownGrace how long shutdown waits for requests in flight
 * @param limits        what one client may hold: connections, and how long it may take to send
 */
public record InboxSettings(InetSocketAddress listen,
                            String webhookHeader,
                            Secret webhookSecret,
                            Secret hmacSecret,
                            Duration maxSkew,
                            Secret apiToken,
                            HandoffJson json,
                            int maxBodyBytes,
                            int workerThreads,
                            int maxStreams,
                            Duration heartbeat,
                            Duration shutdownGrace,
                            Clock clock,
                            ClientLimits limits) {

    public static final int ONE_MIB = 1 << 20;

    public InboxSettings {
        if (webhookSecret == null && hmacSecret == null) {
            throw new IllegalArgumentException("the webhook needs a header secret, an HMAC secret or both");
        }
        if (apiToken == null) {
            throw new IllegalArgumentException("the operator API needs a token");
        }
        if (apiToken.sameAs(webhookSecret) || apiToken.sameAs(hmacSecret)) {
            throw new IllegalArgumentException("the operator API token must differ from the webhook secrets");
        }
    }

    /** The defaults of {@code handoff inbox serve}, for the given address, secrets and rendering. */
    public static InboxSettings defaults(InetSocketAddress listen, String webhookHeader, Secret webhookSecret,
                                         Secret hmacSecret, Duration maxSkew, Secret apiToken, HandoffJson json) {
        return new InboxSettings(listen, webhookHeader, webhookSecret, hmacSecret, maxSkew, apiToken, json, ONE_MIB,
                32, 64, Duration.ofSeconds(15), Duration.ofSeconds(10), Clock.systemUTC(), ClientLimits.DEFAULTS);
    }

    public InboxSettings withHeartbeat(Duration heartbeat) {
        return new InboxSettings(listen, webhookHeader, webhookSecret, hmacSecret, maxSkew, apiToken, json,
                maxBodyBytes, workerThreads, maxStreams, heartbeat, shutdownGrace, clock, limits);
    }

    public InboxSettings withLimits(ClientLimits limits) {
        return new InboxSettings(listen, webhookHeader, webhookSecret, hmacSecret, maxSkew, apiToken, json,
                maxBodyBytes, workerThreads, maxStreams, heartbeat, shutdownGrace, clock, limits);
    }
}
