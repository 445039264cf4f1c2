package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.StoreException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code handoff inbox serve}: the JDK's HTTP server with a fixed pool of request threads and a
 * separate, bounded pool for event streams (a stream holds its thread for as long as the client
 * listens, and must not starve the webhook). Owns the store: {@link #close} stops accepting
 * requests, lets the ones in flight finish (bounded), ends the streams, drains the writer and
 * closes the database.
 */
public final class InboxServer implements AutoCloseable {

    static {
        // the JDK server writes headers and body separately; with Nagle's algorithm on, the body
        // can wait for the client's delayed ACK (40 ms on Linux), which would dominate latency
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int QUEUED_CONNECTIONS = 1024;

    private final InboxSettings settings;
    private final InboxStore store;
    private final RequestLog log;
    private final HttpServer http;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor streamThreads;
    private final WebhookHandler webhook;
    private final OperatorApi api;
    private final EventStream events;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private boolean closeStarted;

    private InboxServer(InboxSettings settings, InboxStore store, RequestLog log) throws IOException {
        this.settings = settings;
        this.store = store;
        this.log = log;
        this.webhook = new WebhookHandler(
                new WebhookAuth(settings.webhookHeader(), settings.webhookSecret(), settings.hmacSecret(),
                        settings.maxSkew(), settings.clock()),
                store, settings.json().phones(), settings.maxBodyBytes());
        this.api = new OperatorApi(store, settings.json());
        this.events = new EventStream(store, settings.json(), settings.heartbeat().toMillis(), () -> stopping);
        // beyond the queue the JDK server closes the connection: the sender retries later
        this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_CONNECTIONS), named("inbox-http"));
        this.streamThreads = new ThreadPoolExecutor(0, settings.maxStreams(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), named("inbox-stream"));
        this.http = HttpServer.create(settings.listen(), 128);
        this.http.setExecutor(workers);
        this.http.createContext("/", this::dispatch);
    }

    /** Binds the address and starts serving; the store is closed by {@link #close}. */
    public static InboxServer start(InboxSettings settings, InboxStore store, RequestLog log) throws IOException {
        InboxServer server = new InboxServer(settings, store, log);
        server.http.start();
        ObjectNode details = QueueJson.mapper().createObjectNode();
        details.put("url", server.url());
        details.put("db", store.location());
        log.event("listening", details);
        return server;
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private void dispatch(HttpExchange ex) {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        boolean detached = false;
        inFlight.incrementAndGet();
        try {
            if (stopping) {
                ex.getResponseHeaders().set("Connection", "close");
                Exchanges.error(ex, 503, "the inbox is shutting down", null);
            } else if (path.equals("/webhooks/handoff")) {
                webhook.handle(ex);
            } else if (path.equals("/healthz")) {
                health(ex);
            } else if (path.startsWith("/api/")) {
                if (authorized(ex)) {
                    if (path.equals("/api/stream")) {
                        detached = stream(ex, start);
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
            if (!detached) {
                finish(ex, path, start);
            }
            inFlight.decrementAndGet();
        }
    }

    private void finish(HttpExchange ex, String path, long start) {
        ex.close();
        log.request(ex.getRequestMethod(), path, ex.getResponseCode(), System.nanoTime() - start, peer(ex));
    }

    private void failed(HttpExchange ex, int status, String reason, Exception e) {
        ObjectNode details = QueueJson.mapper().createObjectNode();
        details.put("path", ex.getRequestURI().getPath());
        details.put("error", e.getClass().getSimpleName());
        log.event("request_failed", details);
        if (ex.getResponseCode() == -1) {
            try {
                Exchanges.error(ex, status, reason, null);
            } catch (IOException ignored) {
                // the client went away
            }
        }
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.length() > 7 && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
                && settings.apiToken().matches(header.substring(7).strip())) {
            return true;
        }
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"handoff-inbox\"");
        Exchanges.error(ex, 401, header == null ? "missing Authorization: Bearer <token> header"
                : "wrong bearer token", null);
        return false;
    }

    /** Hands the exchange to a stream thread; true when that thread now owns it. */
    private boolean stream(HttpExchange ex, long start) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            Exchanges.methodNotAllowed(ex, "GET");
            return false;
        }
        Long after = events.startAfter(ex);
        if (after == null) {
            return false;
        }
        inFlight.incrementAndGet();
        try {
            streamThreads.execute(() -> {
                try {
                    events.run(ex, after);
                } catch (IOException e) {
                    // the client disconnected: the normal end of a stream
                } catch (RuntimeException e) {
                    failed(ex, 500, "internal error", e);
                } finally {
                    finish(ex, "/api/stream", start);
                    inFlight.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            ex.getResponseHeaders().set("Retry-After", "5");
            Exchanges.error(ex, 503, "too many open streams (" + settings.maxStreams() + "); retry later", null);
            return false;
        }
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
        stopping = true;
        log.event("stopping", null);
        store.feed().stop();
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0);
        workers.shutdown();
        streamThreads.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
            streamThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        log.event("stopped", null);
        stopped.countDown();
    }

    /** Requests being handled right now (streams included); for tests of the shutdown. */
    int inFlight() {
        return inFlight.get();
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

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
