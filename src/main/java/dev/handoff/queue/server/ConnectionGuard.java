package dev.handoff.queue.server;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts open connections per client address and closes a new one past the cap at once; gives
 * every new connection {@link ClientLimits#headerTimeout} to complete its first request's header
 * block, then closes it. Neither costs a thread: headers are parsed by Jetty's selector, and the
 * deadline is a timer task. (A kept-alive connection's later requests are bounded by the idle
 * timeout between bytes and by the header size limit.)
 *
 * <p>A connection serving an event stream leaves the count while it streams ({@link #streamStarted}):
 * streams are long-lived and have their own cap (the server's stream slots), and operators behind
 * one proxy address holding 64 of them must not shut the bot platform's webhooks and the load
 * balancer's health checks from that address out.
 */
final class ConnectionGuard implements Connection.Listener {

    private final ClientLimits limits;
    private final Scheduler scheduler;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each counted connection's client, kept because a closed socket no longer knows its peer. */
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();
    private final Set<Connection> awaitingHeaders = ConcurrentHashMap.newKeySet();
    /** Counted connections serving an event stream right now: not in {@link #open}'s numbers. */
    private final Set<Connection> streaming = ConcurrentHashMap.newKeySet();
    /** Moving a connection between the counts and closing it must not interleave, or a count would drift. */
    private final Object counts = new Object();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong headerTimeouts = new AtomicLong();

    ConnectionGuard(ClientLimits limits, Scheduler scheduler) {
        this.limits = limits;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = client(connection.getEndPoint());
        if (client != null) {
            int now;
            synchronized (counts) {
                counted.put(connection, client);
                now = open.merge(client, 1, Integer::sum);
            }
            if (now > limits.maxConnectionsPerAddress()) {
                refused.incrementAndGet();
                connection.getEndPoint().close();
                return;
            }
        }
        awaitingHeaders.add(connection);
        scheduler.schedule(() -> {
            if (awaitingHeaders.remove(connection)) {
                headerTimeouts.incrementAndGet();
                connection.getEndPoint().close();
            }
        }, limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The connection's request has all its headers: its header deadline no longer applies. */
    void headersArrived(Connection connection) {
        awaitingHeaders.remove(connection);
    }

    /** The connection now serves an event stream: it no longer counts against its address's cap. */
    void streamStarted(Connection connection) {
        synchronized (counts) {
            InetAddress client = counted.get(connection);
            if (client != null && streaming.add(connection)) {
                open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** The stream ended and the connection is still open (kept alive for another request): it counts again. */
    void streamEnded(Connection connection) {
        synchronized (counts) {
            InetAddress client = counted.get(connection);
            if (client != null && streaming.remove(connection)) {
                open.merge(client, 1, Integer::sum);
            }
        }
    }

    @Override
    public void onClosed(Connection connection) {
        awaitingHeaders.remove(connection);
        synchronized (counts) {
            InetAddress client = counted.remove(connection);
            if (client != null && !streaming.remove(connection)) {
                open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** Connections counted against {@code client}'s cap right now (streams left out); for tests. */
    int countedFor(InetAddress client) {
        return open.getOrDefault(client, 0);
    }

    /** Connections opened and not yet closed, refused ones included until their close completes. */
    int open() {
        return counted.size();
    }

    /** Connections closed because their address had too many open. */
    long refused() {
        return refused.get();
    }

    /** Connections closed because their headers did not arrive in time. */
    long headerTimeouts() {
        return headerTimeouts.get();
    }

    private static InetAddress client(EndPoint endPoint) {
        SocketAddress remote = endPoint.getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
