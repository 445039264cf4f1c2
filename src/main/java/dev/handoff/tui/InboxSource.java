package dev.handoff.tui;

import dev.handoff.retry.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.Status;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code handoff inbox serve} queue API: a paged list for the snapshot, then the Server-Sent
 * Events stream of changes, resumed with {@code Last-Event-ID} after every break so that nothing
 * is missed. The inbox sends a {@code : ping} comment every 15 s; a read timeout of a little more
 * than two missed pings declares the stream dead and starts a reconnect.
 */
public final class InboxSource implements QueueSource {

    static final int PAGE_SIZE = 500;
    /** The status line while the queue is read again after the inbox's database went back or changed. */
    static final String RESYNC_REASON = "the inbox's database was restored or replaced; reading the queue again";
    private static final int MAX_PAGES = 10_000;

    private final HttpUrl base;
    private final String token;
    private final SourceHttp http;
    private final EventSource.Factory streams;
    private final Clock clock;
    private final Backoff backoff;
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService scheduler;

    private volatile ConnectionState state;
    private volatile long lastSeq;
    private volatile String lastEventId;
    private volatile String listedPosition;
    /** The inbox database the snapshot came from (its list's database_id), or null from an older inbox. */
    private volatile String databaseId;
    private volatile EventSource current;
    private volatile boolean closed;
    private volatile Instant failingSince;

    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration STREAM_READ_TIMEOUT = Duration.ofSeconds(35);

    public InboxSource(String baseUrl, String token, String tokenVar, Clock clock) {
        this(baseUrl, token, tokenVar, clock, FIRST_RETRY, STREAM_READ_TIMEOUT);
    }

    /** @param streamReadTimeout how long the stream may stay silent (pings included) before it is declared dead */
    InboxSource(String baseUrl, String token, String tokenVar, Clock clock, Duration firstRetry, Duration streamReadTimeout) {
        this(baseUrl, token, tokenVar, clock, firstRetry, streamReadTimeout, null);
    }

    /** @param requestLog with --verbose, one line per request and answer; null for none */
    InboxSource(String baseUrl, String token, String tokenVar, Clock clock, Duration firstRetry, Duration streamReadTimeout,
                Consumer<String> requestLog) {
        this.base = parseBase(baseUrl, "--inbox");
        this.token = token;
        this.clock = clock;
        OkHttpClient client = SourceHttp.newClient(requestLog);
        this.http = new SourceHttp(client, tokenVar);
        this.streams = EventSources.createFactory(client.newBuilder()
                .readTimeout(streamReadTimeout)
                .callTimeout(Duration.ZERO)
                .build());
        this.backoff = new Backoff(firstRetry, Duration.ofSeconds(10), Backoff.Jitter.SPREAD);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tail-inbox");
            t.setDaemon(true);
            return t;
        });
        this.state = new ConnectionState.Connecting(clock.instant());
    }

    static HttpUrl parseBase(String url, String option) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            throw HandoffException.usage(option + " '" + url + "' is not an http(s) URL",
                    "for example " + option + " http://127.0.0.1:8080");
        }
        return parsed;
    }

    @Override
    public String describe() {
        return "inbox " + base;
    }

    @Override
    public Snapshot snapshot() {
        List<QueueEntry> items = new ArrayList<>();
        long seq = -1;
        for (Status status : List.of(Status.PENDING, Status.IN_PROGRESS)) {
            String cursor = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                HttpUrl.Builder url = api("api/handoffs").newBuilder()
                        .addQueryParameter("status", status.id())
                        .addQueryParameter("limit", String.valueOf(PAGE_SIZE));
                if (cursor != null) {
                    url.addQueryParameter("cursor", cursor);
                }
                JsonNode body = http.call(authorized(url.build()).get().build());
                JsonNode list = body.get("items");
                if (list == null || !list.isArray()) {
                    throw HandoffException.remote(url.build() + " answered without an \"items\" list",
                            "check that --inbox points at 'handoff inbox serve'", null);
                }
                for (JsonNode item : list) {
                    items.add(entry(url.build().toString(), item));
                }
                // the first page's seq is where the stream resumes: later changes are replayed, and
                // replaying a change already in the list is harmless (rows are keyed by id and version)
                if (seq < 0) {
                    seq = body.path("seq").asLong(0);
                    JsonNode position = body.get("position");
                    listedPosition = position != null && position.isTextual() && position.asText().startsWith(seq + ":")
                            ? position.asText() : null;
                    JsonNode id = body.get("database_id");
                    databaseId = id == null || id.isNull() ? null : id.asText();
                }
                JsonNode next = body.get("next_cursor");
                cursor = next == null || next.isNull() ? null : next.asText();
                if (cursor == null || cursor.isEmpty() || list.isEmpty()) {
                    break;
                }
            }
        }
        return new Snapshot(items, Math.max(seq, 0));
    }

    private QueueEntry entry(String url, JsonNode item) {
        try {
            return QueueEntry.fromJson(item);
        } catch (IllegalArgumentException e) {
            throw HandoffException.remote(url + " sent a handoff that cannot be read: " + SourceHttp.describe(e),
                    "check that the inbox and this tool are the same version", e);
        }
    }

    @Override
    public void start(Listener listener) {
        scheduler.execute(() -> bootstrap(listener));
    }

    private void bootstrap(Listener listener) {
        if (closed) {
            return;
        }
        Snapshot snapshot;
        try {
            snapshot = snapshot();
        } catch (HandoffException e) {
            if (e.kind() == HandoffException.Kind.AUTH) {
                fatal(listener, e);
            } else {
                retryLater(listener, SourceHttp.shortReason(e), () -> bootstrap(listener));
            }
            return;
        }
        lastSeq = snapshot.seq();
        // the list's checked position: a restored backup that passes it before the stream opens is found out too
        lastEventId = listedPosition;
        listener.onSnapshot(snapshot);
        openStream(listener);
    }

    private void openStream(Listener listener) {
        if (closed) {
            return;
        }
        // always from where the snapshot (or the last event) left off, also from 0: without the
        // header the inbox starts at its latest change and a change made meanwhile would be lost
        Request.Builder request = authorized(api("api/stream")).get()
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId != null ? lastEventId : Long.toString(lastSeq));
        String followed = databaseId;
        if (followed != null) {
            request.header("X-Inbox-Database-Id", followed);
        }
        current = streams.newEventSource(request.build(), new EventSourceListener() {
            @Override
            public void onOpen(EventSource source, Response response) {
                failures.set(0);
                failingSince = null;
                setState(listener, new ConnectionState.Live(clock.instant()));
            }

            @Override
            public void onEvent(EventSource source, String id, String type, String data) {
                if (type != null && !type.equals("handoff")) {
                    return;
                }
                QueueEntry entry;
                try {
                    entry = QueueEntry.fromJson(SourceHttp.parse(base.toString(), data));
                } catch (RuntimeException e) {
                    return; // one unreadable event must not stop the stream
                }
                long seq = parseSeq(id);
                lastSeq = seq;
                // "<seq>:<check>" from this inbox: sent back as is, so that a restored backup that
                // passed this position meanwhile is found out (409) instead of resumed from
                lastEventId = id != null && id.strip().startsWith(seq + ":") ? id.strip() : null;
                listener.onChange(entry, seq);
            }

            @Override
            public void onClosed(EventSource source) {
                if (!closed) {
                    retryLater(listener, "stream ended", () -> openStream(listener));
                }
            }

            @Override
            public void onFailure(EventSource source, Throwable t, Response response) {
                if (closed) {
                    return;
                }
                if (response != null && (response.code() == 401 || response.code() == 403)) {
                    fatal(listener, http.failure(api("api/stream").toString(), response.code(), ""));
                    return;
                }
                if (response != null && response.code() == 409) {
                    // the inbox's change log is behind our position, or it is another database (a
                    // restored backup): resuming would miss new handoffs and show stale rows under
                    // ids that now belong to others, so the whole queue is read again
                    retryLater(listener, RESYNC_REASON, () -> bootstrap(listener));
                    return;
                }
                // a 2xx here is the stream that was open: it ended (the inbox stopped, or the network went away)
                String reason = response != null && !response.isSuccessful() ? "HTTP " + response.code()
                        : response == null && t != null && SourceHttp.closedWithoutAnswer(t) ? STREAM_REFUSED
                        : t != null ? "stream ended: " + SourceHttp.describe(t) : "stream ended";
                retryLater(listener, reason, () -> openStream(listener));
            }
        });
    }

    /** The stream closed before it opened: the inbox's cap on connections per address, most likely. */
    static final String STREAM_REFUSED = "the inbox closed the stream without answering (too many streams from this address?)";

    private long parseSeq(String id) {
        if (id != null) {
            try {
                String seq = id.strip();
                int colon = seq.indexOf(':');
                return Long.parseLong(colon >= 0 ? seq.substring(0, colon) : seq);
            } catch (NumberFormatException ignored) {
                // fall through: keep the last known position
            }
        }
        return lastSeq;
    }

    private void retryLater(Listener listener, String reason, Runnable retry) {
        if (closed) {
            return;
        }
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        setState(listener, new ConnectionState.Reconnecting(failingSince, reason));
        try {
            scheduler.schedule(retry, backoff.after(failures.incrementAndGet()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    private void fatal(Listener listener, HandoffException e) {
        setState(listener, new ConnectionState.Stale(clock.instant(), "credentials refused"));
        listener.onFatal(e);
    }

    private void setState(Listener listener, ConnectionState next) {
        state = next;
        listener.onState(next);
    }

    @Override
    public QueueEntry claim(long id, String operator) {
        return act(id, "claim", operator);
    }

    @Override
    public QueueEntry release(long id, String operator) {
        return act(id, "release", operator);
    }

    @Override
    public QueueEntry resolve(long id, String operator) {
        return act(id, "resolve", operator);
    }

    /** Sends the shown handoff's received_at: the inbox answers 409 when the id now names another one. */
    @Override
    public QueueEntry act(OperatorAction action, long id, Instant shown, String operator) {
        return act(id, action.name().toLowerCase(java.util.Locale.ROOT), operator, shown);
    }

    private QueueEntry act(long id, String verb, String operator) {
        return act(id, verb, operator, null);
    }

    private QueueEntry act(long id, String verb, String operator, Instant shown) {
        HttpUrl url = api("api/handoffs/" + id + "/" + verb);
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("operator", operator);
        if (shown != null) {
            request.put("received_at", shown.toString());
        }
        JsonNode body = http.call(authorized(url).post(SourceHttp.json(request)).build());
        return entry(url.toString(), body);
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    long lastSeq() {
        return lastSeq;
    }

    private HttpUrl api(String path) {
        return base.newBuilder().addPathSegments(path).build();
    }

    private Request.Builder authorized(HttpUrl url) {
        Request.Builder b = new Request.Builder().url(url);
        if (token != null && !token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    @Override
    public void close() {
        closed = true;
        EventSource es = current;
        if (es != null) {
            es.cancel();
        }
        scheduler.shutdownNow();
        http.shutdown();
    }
}
