package dev.handoff.tui;

import dev.handoff.retry.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.error.HandoffException;
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

    private final HttpUrl base;
    private final String token;
    private final SourceHttp http;
    private final EventSource.Factory streams;
    private final Clock clock;
    private final Backoff backoff;
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    private final StreamTrouble trouble = new StreamTrouble();
    private final UnreadableEvents unreadable = new UnreadableEvents();
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
    /** A snapshot reached the listener: there are rows whose age a refusal can name. */
    private volatile boolean snapshotShown;

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
            throw HandoffException.usage(option + " '" + dev.handoff.secret.UrlRedaction.shown(url) + "' is not an http(s) URL",
                    "for example " + option + " http://127.0.0.1:8080");
        }
        return parsed;
    }

    @Override
    public String describe() {
        return "inbox " + SourceHttp.shown(base);
    }

    /** The queue at one position of the inbox's change log ({@link InboxListing}), remembered for the stream. */
    @Override
    public Snapshot snapshot() {
        InboxListing.Result read = new InboxListing(http, this::authorized, api("api/handoffs"), api("api/stream"), PAGE_SIZE).read();
        listedPosition = read.position();
        databaseId = read.databaseId();
        return read.snapshot();
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
                String unanswered = trouble.notAnswered(e.getCause());
                retryLater(listener, unanswered != null ? unanswered : SourceHttp.shortReason(e), () -> bootstrap(listener));
            }
            return;
        }
        trouble.answered();
        lastSeq = snapshot.seq();
        // the list's checked position: a restored backup that passes it before the stream opens is found out too
        lastEventId = listedPosition;
        listener.onSnapshot(snapshot);
        snapshotShown = true;
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
                trouble.answered();
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
                    entry = QueueEntry.fromJson(SourceHttp.parse(SourceHttp.shown(base), data));
                } catch (HandoffException e) {
                    // one unreadable event must not stop the stream, but it is said once
                    unreadable.report(listener, id, "its data is not JSON");
                    return;
                } catch (RuntimeException e) {
                    unreadable.report(listener, id, SourceHttp.describe(e));
                    return;
                }
                Long parsed = parseSeq(id);
                if (parsed == null && id != null) {
                    // the change is shown; the position stays the last good one, which a reconnect resumes from
                    unreadable.report(listener, id, "its id is not a position (a number, or number:check)");
                }
                long seq = parsed == null ? lastSeq : parsed;
                lastSeq = seq;
                // "<seq>:<check>" from this inbox: sent back as is, so that a restored backup that
                // passed this position meanwhile is found out (409) instead of resumed from
                lastEventId = id != null && id.strip().startsWith(seq + ":") ? id.strip() : parsed == null ? lastEventId : null;
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
                    fatal(listener, http.failure(SourceHttp.shown(api("api/stream")), response.code(), ""));
                    return;
                }
                if (response != null && response.code() == 409) {
                    // the inbox's change log is behind our position, or it is another database (a
                    // restored backup): resuming would miss new handoffs and show stale rows under
                    // ids that now belong to others, so the whole queue is read again
                    retryLater(listener, RESYNC_REASON, () -> bootstrap(listener));
                    return;
                }
                String reason;
                if (response != null && !response.isSuccessful()) {
                    trouble.answered();
                    reason = "HTTP " + response.code();
                } else if (response != null) {
                    // a 2xx here is the stream that was open: it ended (the inbox stopped, or the network went away)
                    reason = StreamTrouble.openStreamBroke(t);
                } else {
                    // nothing was open: "Failed to connect to ...", not "stream ended"
                    String unanswered = trouble.notAnswered(t);
                    reason = unanswered != null ? unanswered : t != null ? SourceHttp.describe(t) : "stream ended";
                }
                retryLater(listener, reason, () -> openStream(listener));
            }
        });
    }

    /** The event id's sequence number, or null when it has none. */
    private static Long parseSeq(String id) {
        if (id != null) {
            try {
                String seq = id.strip();
                int colon = seq.indexOf(':');
                return Long.parseLong(colon >= 0 ? seq.substring(0, colon) : seq);
            } catch (NumberFormatException ignored) {
                // no position
            }
        }
        return null;
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

    /** The token was refused: said in the status line, then the tail ends (exit 4, docs/tail.md). */
    private void fatal(Listener listener, HandoffException e) {
        ConnectionState was = state;
        // the rows are current up to now when the stream was live, up to the break when it was reconnecting
        Instant updated = was instanceof ConnectionState.Live ? clock.instant()
                : was instanceof ConnectionState.Reconnecting r && snapshotShown ? r.since() : null;
        setState(listener, new ConnectionState.Refused(clock.instant(), updated, SourceHttp.refusedWords("the inbox", e)));
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
        return InboxListing.entry(SourceHttp.shown(url), body);
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
