package dev.handoff.tui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.Status;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The inbox's queue read once, as one consistent view: every page of
 * {@code GET /api/handoffs?status=pending,in_progress} (one request per page for both statuses, so a
 * claim or release between two requests can neither hide a handoff nor list it twice), then, when
 * the inbox changed while the pages were read, the changes from the first page's position up to the
 * last page's read from the event stream and applied. The result is the queue at one position of the
 * change log, which {@code --once} prints and the live view streams on from.
 */
final class InboxListing {

    static final String STATUSES = Status.PENDING.id() + "," + Status.IN_PROGRESS.id();
    private static final int MAX_PAGES = 10_000;

    /** The queue, the position it is at ("seq:check" when the inbox gave one), and the database it came from. */
    record Result(QueueSource.Snapshot snapshot, String position, String databaseId) {
    }

    private final SourceHttp http;
    private final Function<HttpUrl, Request.Builder> authorized;
    private final HttpUrl lists;
    private final HttpUrl stream;
    private final int pageSize;

    InboxListing(SourceHttp http, Function<HttpUrl, Request.Builder> authorized, HttpUrl lists, HttpUrl stream, int pageSize) {
        this.http = http;
        this.authorized = authorized;
        this.lists = lists;
        this.stream = stream;
        this.pageSize = pageSize;
    }

    Result read() {
        Map<Long, QueueEntry> items = new LinkedHashMap<>();
        long firstSeq = -1;
        long lastSeq = 0;
        String position = null;
        String databaseId = null;
        String cursor = null;
        // a cursor handed out twice in one listing would loop forever (a proxy serving a cached page)
        java.util.Set<String> cursors = new java.util.HashSet<>();
        for (int page = 0; ; page++) {
            if (page == MAX_PAGES) {
                throw HandoffException.remote(SourceHttp.shown(lists) + " still had a next page after " + MAX_PAGES + " pages",
                        "check that --inbox points at 'handoff inbox serve' and not at a proxy or cache in between", null);
            }
            HttpUrl.Builder url = lists.newBuilder()
                    .addEncodedQueryParameter("status", STATUSES)
                    .addQueryParameter("limit", String.valueOf(pageSize));
            if (cursor != null) {
                url.addQueryParameter("cursor", cursor);
            }
            HttpUrl u = url.build();
            JsonNode body = http.call(authorized.apply(u).get().build());
            JsonNode list = body.get("items");
            if (list == null || !list.isArray()) {
                throw HandoffException.remote(SourceHttp.shown(u) + " answered without an \"items\" list",
                        "check that --inbox points at 'handoff inbox serve'", null);
            }
            for (JsonNode item : list) {
                QueueEntry e = entry(SourceHttp.shown(u), item);
                items.merge(e.id(), e, InboxListing::newer);
            }
            long seq = body.path("seq").asLong(0);
            if (firstSeq < 0) {
                // the first page's seq is where changes are read from: later changes are replayed, and
                // replaying a change already in the list is harmless (rows are keyed by id and version)
                firstSeq = seq;
                JsonNode p = body.get("position");
                position = p != null && p.isTextual() && p.asText().startsWith(seq + ":") ? p.asText() : null;
                JsonNode id = body.get("database_id");
                databaseId = id == null || id.isNull() ? null : id.asText();
            }
            lastSeq = Math.max(lastSeq, seq);
            JsonNode next = body.get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.asText();
            if (cursor == null || cursor.isEmpty() || list.isEmpty()) {
                break;
            }
            if (!cursors.add(cursor)) {
                throw HandoffException.remote(SourceHttp.shown(u) + " returned a next_cursor it had returned before: the list"
                        + " would never end", "check that --inbox points at 'handoff inbox serve' and not at a proxy or cache"
                        + " in between", null);
            }
        }
        long at = Math.max(firstSeq, 0);
        if (lastSeq > at) {
            // the inbox changed while later pages were read: each page showed its own moment
            String[] caughtUp = catchUp(items, position != null ? position : Long.toString(at), databaseId, lastSeq);
            at = Long.parseLong(caughtUp[0]);
            position = caughtUp[1];
        }
        List<QueueEntry> queued = new ArrayList<>();
        for (QueueEntry e : items.values()) {
            if (e.handoff().status() != Status.RESOLVED) {
                queued.add(e);
            }
        }
        return new Result(new QueueSource.Snapshot(queued, at), position, databaseId);
    }

    /**
     * Reads the stream from {@code from} until a change at or past {@code until} and applies each
     * change to {@code items}. Returns the seq and the id ("seq:check", else null) of the last change applied.
     */
    private String[] catchUp(Map<Long, QueueEntry> items, String from, String databaseId, long until) {
        Request.Builder request = authorized.apply(stream).get()
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", from);
        if (databaseId != null) {
            request.header("X-Inbox-Database-Id", databaseId);
        }
        String shown = SourceHttp.shown(stream);
        long seq = -1;
        String lastId = null;
        try (Response response = http.client().newCall(request.build()).execute()) {
            if (!response.isSuccessful()) {
                String text = response.body() == null ? "" : response.body().string();
                throw http.failure(shown, response.code(), text);
            }
            BufferedSource in = response.body().source();
            String id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readUtf8Line()) != null) {
                if (!line.isEmpty()) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                    }
                    continue;
                }
                if (data.length() > 0 && (type == null || type.equals("handoff"))) {
                    long at = seqOf(id);
                    if (at < 0) {
                        throw HandoffException.remote(shown + " sent a change whose id is not a position",
                                "check that the inbox and this tool are the same version", null);
                    }
                    QueueEntry e = entry(shown, SourceHttp.parse(shown, data.toString()));
                    items.merge(e.id(), e, InboxListing::newer);
                    seq = at;
                    lastId = id.startsWith(at + ":") ? id : null;
                    if (seq >= until) {
                        return new String[]{Long.toString(seq), lastId};
                    }
                }
                id = null;
                type = null;
                data.setLength(0);
            }
        } catch (IOException e) {
            throw http.unreachable(shown, e);
        }
        throw HandoffException.remote(shown + " ended before the change " + until + " the list named",
                "try again; check that --inbox points at 'handoff inbox serve'", null);
    }

    private static long seqOf(String id) {
        if (id == null) {
            return -1;
        }
        int colon = id.indexOf(':');
        try {
            return Long.parseLong(colon >= 0 ? id.substring(0, colon) : id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static QueueEntry newer(QueueEntry a, QueueEntry b) {
        return b.handoff().version() >= a.handoff().version() ? b : a;
    }

    static QueueEntry entry(String url, JsonNode item) {
        try {
            return QueueEntry.fromJson(item);
        } catch (IllegalArgumentException e) {
            throw HandoffException.remote(url + " sent a handoff that cannot be read: " + SourceHttp.describe(e),
                    "check that the inbox and this tool are the same version", e);
        }
    }
}
