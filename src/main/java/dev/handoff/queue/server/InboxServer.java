package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.notify.Notifier;
import dev.handoff.queue.notify.NotifyConfig;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.StoreException;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code handoff inbox serve}: Jetty under the JDK's {@code com.sun.net.httpserver} API
 * (jetty-http-spi), so that a slow client costs a connection, not a request thread: headers are
 * parsed by the selector, bodies are read without a thread ({@link BodyFirstHandler}), each client
 * address has a connection cap and each connection a header deadline ({@link ConnectionGuard}).
 * Request threads come from one bounded pool sized for the webhook workers plus the event
 * streams (a stream holds its thread while the client listens; at most {@code maxStreams}).
 * Owns the store: {@link #close} stops accepting requests, lets the ones in flight finish
 * (bounded), ends the streams, drains the writer and closes the database.
 */
public final class InboxServer implements AutoCloseable {

    /** Requests waiting for a thread; beyond it Jetty refuses the connection and the sender retries later. */
    private static final int QUEUED_REQUESTS = 1024;
    /** Threads that are not request threads: Jetty's acceptor and selector, with headroom. */
    private static final int SERVICE_THREADS = 8;

    private final InboxSettings settings;
    private final InboxStore store;
    private final RequestLog log;
    private final Server jetty;
    private final ServerConnector connector;
    private final ConnectionGuard guard;
    private final HttpServer http;
    private final StreamSlots streams;
    private final BodyFirstHandler bodies;
    /** The address with the port actually bound (the connector forgets it once stopped). */
    private volatile InetSocketAddress bound;
    /** {@link System#nanoTime} when {@link #close} began; requests whose headers came later get 503. */
    private volatile long stopStarted;
    private final WebhookHandler webhook;
    private final OperatorApi api;
    /** The notification channels, or null when the team is not notified. */
    private final NotifyConfig notify;
    private volatile Notifier notifier;
    private final EventStream events;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private boolean closeStarted;

    private InboxServer(InboxSettings settings, InboxStore store, RequestLog log, NotifyConfig notify) throws IOException {
        this.settings = settings;
        this.store = store;
        this.log = log;
        this.notify = notify;
        this.webhook = new WebhookHandler(
                new WebhookAuth(settings.webhookHeader(), settings.webhookSecret(), settings.hmacSecret(),
                        settings.maxSkew(), settings.clock()),
                store, settings.json().phones(), settings.maxBodyBytes(),
                notify == null ? List.of() : notify.channelNames(), this::wakeNotifier, log);
        this.api = new OperatorApi(store, settings.json());
        this.events = new EventStream(store, settings.json(), settings.heartbeat().toMillis(), () -> stopping);
        ClientLimits limits = settings.limits();
        QueuedThreadPool pool = new QueuedThreadPool(settings.workerThreads() + settings.maxStreams() + SERVICE_THREADS,
                SERVICE_THREADS, 60_000, new BlockingArrayQueue<>(QUEUED_REQUESTS));
        pool.setName("inbox-http");
        pool.setDaemon(true);
        this.jetty = new Server(pool);
        this.jetty.setStopTimeout(0);
        this.jetty.setErrorHandler(new JsonErrorHandler());
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(16 * 1024);
        // one acceptor and one selector: the machine this runs on is small, and parsing is cheap
        this.connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(settings.listen().getHostString());
        connector.setPort(settings.listen().getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        this.guard = new ConnectionGuard(limits, jetty.getScheduler());
        this.streams = new StreamSlots(settings.maxStreams(), events, guard);
        connector.addEventListener(guard);
        jetty.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        this.bodies = new BodyFirstHandler(guard, jetty.getScheduler(), pool, limits, settings.maxBodyBytes());
        bodies.setHandler(contexts);
        jetty.setHandler(bodies);
        this.http = new JettyHttpServer(jetty, true);
        this.http.createContext("/", this::dispatch);
    }

    /** Binds the address and starts serving; the store is closed by {@link #close}. */
    public static InboxServer start(InboxSettings settings, InboxStore store, RequestLog log) throws IOException {
        return start(settings, store, log, null);
    }

    /**
     * Like {@link #start(InboxSettings, InboxStore, RequestLog)}, and alerts the team on the
     * channels of {@code notify} (null: nobody) from the store's outbox, rows left by an earlier
     * run included.
     */
    public static InboxServer start(InboxSettings settings, InboxStore store, RequestLog log, NotifyConfig notify)
            throws IOException {
        InboxServer server = new InboxServer(settings, store, log, notify);
        // one line when the database goes from under the running inbox; the 503s that follow each log their own
        store.whenLost(reason -> {
            ObjectNode lost = QueueJson.mapper().createObjectNode();
            lost.put("error", reason);
            log.event("database_lost", lost);
        });
        try {
            server.jetty.start();
        } catch (Exception e) {
            stopQuietly(server.jetty);
            // Jetty wraps the BindException; callers tell "port taken" from other failures by its type
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException bind) {
                    throw bind;
                }
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        server.bound = new InetSocketAddress(settings.listen().getAddress(), server.connector.getLocalPort());
        ObjectNode details = QueueJson.mapper().createObjectNode();
        details.put("url", server.url());
        details.put("db", store.location());
        log.event("listening", details);
        if (notify != null) {
            server.notifier = Notifier.start(notify, store, settings.json(), log::event);
        }
        return server;
    }

    private void wakeNotifier() {
        Notifier n = notifier;
        if (n != null) {
            n.wake();
        }
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception ignored) {
            // starting failed already; that is the error to report
        }
    }

    public InetSocketAddress address() {
        return bound;
    }

    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private void dispatch(HttpExchange ex) {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        inFlight.incrementAndGet();
        try {
            if (stopping && arrivedAfterStop(ex)) {
                ex.getResponseHeaders().set("Connection", "close");
                Exchanges.error(ex, 503, "the inbox is shutting down", null);
            } else if (path.equals("/webhooks/handoff")) {
                webhook.handle(ex);
            } else if (path.equals("/healthz")) {
                health(ex);
            } else if (path.startsWith("/api/")) {
                if (authorized(ex)) {
                    if (path.equals("/api/stream")) {
                        streams.serve(ex);
                    } else if (!api.handle(ex, path)) {
                        Exchanges.error(ex, 404, "no such endpoint: " + path, null);
                    }
                }
            } else {
                Exchanges.error(ex, 404, "no such endpoint: " + path, null);
            }
        } catch (StoreException e) {
            failed(ex, 503, "the store is unavailable; retry later", e);
        } catch (IOException e) {
            // the client went away mid-answer; nothing to tell it
        } catch (RuntimeException e) {
            failed(ex, 500, "internal error", e);
        } finally {
            try {
                finish(ex, path, start);
            } finally {
                // closing the answer of a client that went away throws: the request must still stop
                // counting as in flight, or the shutdown waits its whole grace period for it
                inFlight.decrementAndGet();
            }
        }
    }

    private boolean arrivedAfterStop(HttpExchange ex) {
        Object arrived = ex.getAttribute(BodyFirstHandler.ARRIVED);
        return !(arrived instanceof Long at) || at - stopStarted >= 0;
    }

    private void finish(HttpExchange ex, String path, long start) {
        try {
            ex.close();
        } catch (RuntimeException gone) {
            // the client left before the end of its answer (a stream's reader, typically); logged below
        }
        log.request(ex.getRequestMethod(), path, ex.getResponseCode(), System.nanoTime() - start, peer(ex));
    }

    private void failed(HttpExchange ex, int status, String reason, Exception e) {
        ObjectNode details = QueueJson.mapper().createObjectNode();
        details.put("path", ex.getRequestURI().getPath());
        details.put("status", status);
        // the store's words say why (SQL errors carry no values); other exceptions might quote input
        details.put("error", e instanceof StoreException ? log.reason(e) : e.getClass().getSimpleName());
        log.event("request_failed", details);
        if (ex.getResponseCode() <= 0) { // nothing sent yet (-1 in the JDK's server, 0 in Jetty's)
            try {
                Exchanges.error(ex, status, reason, null);
            } catch (IOException ignored) {
                // the client went away
            }
        }
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        String header = Exchanges.requestHeaders(ex).getFirst("Authorization");
        if (header != null && header.length() > 7 && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
                && settings.apiToken().matches(header.substring(7).strip())) {
            return true;
        }
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"handoff-inbox\"");
        Exchanges.error(ex, 401, header == null ? "missing Authorization: Bearer <token> header"
                : "wrong bearer token", null);
        return false;
    }

    /** Event streams open right now; for tests of slot accounting. */
    int openStreams() {
        return streams.open();
    }

    private void health(HttpExchange ex) throws IOException {
        ObjectNode body = QueueJson.mapper().createObjectNode();
        boolean ok = store.healthy();
        body.put("status", ok ? "ok" : "unavailable");
        Exchanges.json(ex, ok ? 200 : 503, body);
    }

    private static String peer(HttpExchange ex) {
        InetSocketAddress remote = ex.getRemoteAddress();
        return remote == null ? null : remote.getAddress().getHostAddress();
    }

    /**
     * Graceful stop: new requests get 503, streams end, requests in flight get up to the grace
     * period to finish, then the listener closes, queued writes are committed and the database
     * is closed. Safe to call more than once (a shutdown hook and a test, say).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closeStarted) {
                awaitQuietly();
                return;
            }
            closeStarted = true;
        }
        stopStarted = System.nanoTime();
        stopping = true;
        log.event("stopping", null);
        store.feed().stop();
        Notifier n = notifier;
        if (n != null) {
            n.close();
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            ObjectNode details = QueueJson.mapper().createObjectNode();
            details.put("error", e.getClass().getSimpleName());
            log.event("stop_failed", details);
        }
        store.close();
        log.event("stopped", null);
        stopped.countDown();
    }

    /** The store this server owns; for tests that look at the outbox. */
    InboxStore storeForTests() {
        return store;
    }

    /**
     * Connections the guard has seen open and not yet closed; for tests, which must wait for the
     * server to have counted their sockets (a client's connect returns before the server knows).
     */
    int openConnections() {
        return guard.open();
    }

    /** Connections counted against the loopback address's cap (event streams left out); for tests. */
    int countedFromLoopback() {
        return guard.countedFor(java.net.InetAddress.getLoopbackAddress());
    }

    /** Connections refused because their address had too many open; for tests of the cap. */
    long refusedConnections() {
        return guard.refused();
    }

    /** Requests being handled right now (streams included); for tests of the shutdown. */
    int inFlight() {
        return inFlight.get() + bodies.receiving();
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
