package dev.handoff.queue.server;

import java.time.Duration;

/**
 * What one client may hold of the inbox, so that slow or many connections (slowloris) cannot
 * take it from the bot platform and the operators.
 *
 * @param headerTimeout            from accepting a connection to its request's last header line
 * @param bodyTimeout              from the last header line to the last byte of the body
 * @param idleTimeout              a kept-alive connection with no request in progress is closed after this
 * @param maxConnectionsPerAddress open connections from one IP address; more are closed at once
 */
public record ClientLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout,
                           int maxConnectionsPerAddress) {

    public static final ClientLimits DEFAULTS =
            new ClientLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), 64);

    public ClientLimits {
        for (Duration d : new Duration[]{headerTimeout, bodyTimeout, idleTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("client timeouts must be positive");
            }
        }
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("a client needs at least one connection");
        }
    }
}
