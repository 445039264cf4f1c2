package dev.handoff.tui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Chatwoot's application API as a queue source. Chatwoot has no change stream for API clients,
 * so the source polls the conversation lists ({@code pending} and {@code open}, every page) and
 * turns the differences between two polls into changes. See {@link ChatwootMapping} for how a
 * conversation becomes a row.
 *
 * <p>Operator actions: claim assigns the conversation to the token's own agent
 * ({@code GET /api/v1/profile}) and opens it if it was pending; release removes the assignee;
 * resolve sets the status to resolved. Chatwoot has no atomic claim: the source reads the
 * conversation first and refuses when another agent holds it, which leaves a short race window.
 */
public final class ChatwootSource implements QueueSource {

    private static final int MAX_PAGES = 400;

    private final HttpUrl base;
    private final long account;
    private final String token;
    private final SourceHttp http;
    private final Duration pollEvery;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    private final Map<Long, QueueEntry> known = new HashMap<>();
    /** Last version given to every conversation ever seen, so that a reopened one comes back newer. */
    private final Map<Long, Long> versions = new HashMap<>();
    private long seq;
    private boolean snapshotSent;
    private volatile ConnectionState state;
    private volatile Instant lastGoodPoll;
    private volatile boolean closed;
    private volatile JsonNode profile;

    public ChatwootSource(String baseUrl, long account, String token, String tokenVar, Duration pollEvery, Clock clock) {
        this(baseUrl, account, token, tokenVar, pollEvery, clock, null);
    }

    /** @param requestLog with --verbose, one line per request and answer; null for none */
    ChatwootSource(String baseUrl, long account, String token, String tokenVar, Duration pollEvery, Clock clock,
                   Consumer<String> requestLog) {
        this.base = InboxSource.parseBase(baseUrl, "--chatwoot");
        this.account = account;
        this.token = token;
        this.http = new SourceHttp(SourceHttp.newClient(requestLog), tokenVar);
        this.pollEvery = pollEvery;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tail-chatwoot");
            t.setDaemon(true);
            return t;
        });
        this.state = new ConnectionState.Connecting(clock.instant());
    }

    @Override
    public String describe() {
        return "chatwoot " + SourceHttp.shown(base) + " account " + account;
    }

    @Override
    public Snapshot snapshot() {
        List<QueueEntry> items = new ArrayList<>(fetchQueue().values());
        return new Snapshot(items, 0);
    }

    /** Every conversation in the queue, keyed by id, versions 1 (the caller assigns real versions). */
    private Map<Long, QueueEntry> fetchQueue() {
        Map<Long, QueueEntry> items = new LinkedHashMap<>();
        for (String status : List.of("pending", "open")) {
            int seen = 0;
            for (int page = 1; page <= MAX_PAGES; page++) {
                HttpUrl url = accountApi("conversations").newBuilder()
                        .addQueryParameter("status", status)
                        .addQueryParameter("assignee_type", "all")
                        .addQueryParameter("page", String.valueOf(page))
                        .build();
                JsonNode data = http.call(request(url).get().build()).path("data");
                JsonNode payload = data.path("payload");
                if (!payload.isArray()) {
                    throw HandoffException.remote(url + " answered without data.payload",
                            "check that --chatwoot points at a Chatwoot installation", null);
                }
                for (JsonNode conversation : payload) {
                    QueueEntry entry = ChatwootMapping.toEntry(conversation, 1);
                    if (entry != null && entry.handoff().status() != Status.RESOLVED) {
                        items.put(entry.id(), entry);
                    }
                }
                seen += payload.size();
                long total = data.path("meta").path("all_count").asLong(-1);
                if (payload.isEmpty() || (total >= 0 && seen >= total)) {
                    break;
                }
            }
        }
        return items;
    }

    @Override
    public void start(Listener listener) {
        scheduler.scheduleWithFixedDelay(() -> poll(listener), 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll(Listener listener) {
        if (closed) {
            return;
        }
        Map<Long, QueueEntry> fresh;
        try {
            fresh = fetchQueue();
            confirmGone(fresh);
        } catch (HandoffException e) {
            if (e.kind() == HandoffException.Kind.AUTH) {
                setState(listener, new ConnectionState.Refused(clock.instant(), lastGoodPoll,
                        SourceHttp.refusedWords("Chatwoot", e)));
                listener.onFatal(e);
                scheduler.shutdown();
                return;
            }
            Instant since = lastGoodPoll != null ? lastGoodPoll : clock.instant();
            setState(listener, new ConnectionState.Stale(since, SourceHttp.shortReason(e)));
            return;
        } catch (RuntimeException e) {
            setState(listener, new ConnectionState.Stale(lastGoodPoll != null ? lastGoodPoll : clock.instant(),
                    SourceHttp.describe(e)));
            return;
        }
        lastGoodPoll = clock.instant();
        if (!(state instanceof ConnectionState.Live)) {
            setState(listener, new ConnectionState.Live(lastGoodPoll));
        }
        List<Change> changes = diff(fresh);
        if (!snapshotSent) {
            snapshotSent = true;
            Snapshot first;
            synchronized (this) {
                first = new Snapshot(List.copyOf(known.values()), seq);
            }
            listener.onSnapshot(first);
            return;
        }
        for (Change change : changes) {
            listener.onChange(change.entry(), change.seq());
        }
    }

    private record Change(QueueEntry entry, long seq) {
    }

    /**
     * A conversation missing from this poll's lists is asked for on its own before it is called resolved: the lists are
     * read page by page, newest activity first, and one a customer wrote to between two page requests moved to a page
     * already read; it came out resolved, then back as a new pending row (the bell again). Still open or pending, it stays
     * (with what the single read says); gone (404), resolved or snoozed, it leaves; not answered, it stays until a later poll.
     */
    private void confirmGone(Map<Long, QueueEntry> fresh) {
        List<QueueEntry> missing;
        synchronized (this) {
            missing = known.values().stream().filter(e -> !fresh.containsKey(e.id())).toList();
        }
        for (QueueEntry before : missing) {
            try {
                QueueEntry now = ChatwootMapping.toEntry(conversation(before.id()), 1);
                if (now != null && now.handoff().status() != Status.RESOLVED) {
                    fresh.put(now.id(), now);
                }
            } catch (SourceHttp.NotFound gone) {
                // deleted: it left the queue
            } catch (HandoffException e) {
                if (e.kind() == HandoffException.Kind.AUTH) {
                    throw e;
                }
                fresh.put(before.id(), before);
            }
        }
    }

    /** Updates what is known and returns the changed rows in order; ones that left the queue come back Resolved. */
    private synchronized List<Change> diff(Map<Long, QueueEntry> fresh) {
        List<Change> changes = new ArrayList<>();
        for (QueueEntry entry : fresh.values()) {
            QueueEntry before = known.get(entry.id());
            if (before == null || !sameContent(before, withVersion(entry, before.handoff().version()))) {
                QueueEntry versioned = withVersion(entry, nextVersion(entry.id()));
                known.put(entry.id(), versioned);
                changes.add(new Change(versioned, ++seq));
            }
        }
        for (QueueEntry gone : List.copyOf(known.values())) {
            if (!fresh.containsKey(gone.id())) {
                // left the open/pending lists: resolved (or snoozed) in Chatwoot
                known.remove(gone.id());
                changes.add(new Change(withStatus(gone, Status.RESOLVED, nextVersion(gone.id())), ++seq));
            }
        }
        return changes;
    }

    private long nextVersion(long id) {
        return versions.merge(id, 1L, Long::sum);
    }

    private static boolean sameContent(QueueEntry a, QueueEntry b) {
        return a.handoff().equals(b.handoff()) && Objects.equals(a.whatsappUrl(), b.whatsappUrl());
    }

    private static QueueEntry withVersion(QueueEntry e, long version) {
        Handoff h = e.handoff();
        return new QueueEntry(new Handoff(h.id(), h.agentId(), h.agentExternalId(), h.name(), h.phoneNumber(), h.summary(),
                h.reason(), h.createdAt(), h.receivedAt(), h.status(), h.claimedBy(), h.updatedAt(), version), e.whatsappUrl());
    }

    private static QueueEntry withStatus(QueueEntry e, Status status, long version) {
        Handoff h = e.handoff();
        return new QueueEntry(new Handoff(h.id(), h.agentId(), h.agentExternalId(), h.name(), h.phoneNumber(), h.summary(),
                h.reason(), h.createdAt(), h.receivedAt(), status, h.claimedBy(), h.updatedAt(), version), e.whatsappUrl());
    }

    @Override
    public QueueEntry claim(long id, String operator) {
        JsonNode me = profile();
        long myId = me.path("id").asLong();
        JsonNode conversation = conversation(id);
        JsonNode assignee = conversation.path("meta").path("assignee");
        if (assignee.isObject() && assignee.has("id") && assignee.path("id").asLong() != myId) {
            String holder = Text.clean(ChatwootMapping.agentName(assignee)).strip();
            throw HandoffException.conflict("already claimed by " + (holder.isEmpty() ? "another operator" : holder),
                    "pick another conversation, or ask them to release it");
        }
        if ("resolved".equals(conversation.path("status").asText())) {
            throw HandoffException.conflict("already resolved", "pick another conversation");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("assignee_id", myId);
        http.call(request(conversationApi(id, "assignments")).post(SourceHttp.json(body)).build());
        if ("pending".equals(conversation.path("status").asText())) {
            toggleStatus(id, "open");
        }
        return refreshed(id);
    }

    @Override
    public QueueEntry release(long id, String operator) {
        Map<String, Object> body = new HashMap<>();
        body.put("assignee_id", null);
        http.call(request(conversationApi(id, "assignments")).post(SourceHttp.json(body)).build());
        return refreshed(id);
    }

    @Override
    public QueueEntry resolve(long id, String operator) {
        toggleStatus(id, "resolved");
        return refreshed(id);
    }

    private void toggleStatus(long id, String status) {
        http.call(request(conversationApi(id, "toggle_status")).post(SourceHttp.json(Map.of("status", status))).build());
    }

    private QueueEntry refreshed(long id) {
        QueueEntry entry = ChatwootMapping.toEntry(conversation(id), 1);
        if (entry == null) {
            throw HandoffException.remote("conversation " + id + " left the queue (snoozed?)", null, null);
        }
        synchronized (this) {
            entry = withVersion(entry, nextVersion(id));
            if (entry.handoff().status() == Status.RESOLVED) {
                known.remove(id);
            } else {
                known.put(id, entry);
            }
        }
        return entry;
    }

    private JsonNode conversation(long id) {
        return http.call(request(accountApi("conversations/" + id)).get().build());
    }

    private JsonNode profile() {
        JsonNode p = profile;
        if (p == null) {
            p = http.call(request(base.newBuilder().addPathSegments("api/v1/profile").build()).get().build());
            profile = p;
        }
        return p;
    }

    private HttpUrl accountApi(String path) {
        return base.newBuilder().addPathSegments("api/v1/accounts/" + account + "/" + path).build();
    }

    private HttpUrl conversationApi(long id, String action) {
        return accountApi("conversations/" + id + "/" + action);
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder b = new Request.Builder().url(url);
        if (token != null && !token.isEmpty()) {
            b.header("api_access_token", token);
        }
        return b;
    }

    private void setState(Listener listener, ConnectionState next) {
        state = next;
        listener.onState(next);
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        http.shutdown();
    }
}
