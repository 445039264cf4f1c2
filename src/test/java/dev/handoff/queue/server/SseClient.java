package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.queue.QueueJson;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A minimal Server-Sent Events reader for tests: frames as the server wrote them, comments included. */
final class SseClient implements AutoCloseable {

    record Frame(String id, String event, String data, String comment) {
        /** The change's sequence number: the id without the ":check" after it. */
        String seq() {
            return id == null ? null : id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
        }

        JsonNode json() throws IOException {
            return QueueJson.mapper().readTree(data);
        }
    }

    private final Response response;
    private final BufferedSource source;

    SseClient(InboxFixture inbox, String query, String lastEventId) throws IOException {
        OkHttpClient client = inbox.http.newBuilder().readTimeout(5, TimeUnit.SECONDS).build();
        Request.Builder request = new Request.Builder().url(inbox.url("/api/stream" + query))
                .header("Authorization", "Bearer " + InboxFixture.API_TOKEN)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        this.response = client.newCall(request.build()).execute();
        this.source = response.body().source();
    }

    int status() {
        return response.code();
    }

    String contentType() {
        return response.header("Content-Type");
    }

    /** The next frame (an event or a comment), or null when the server closed the stream. */
    Frame next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String comment = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (id != null || event != null || data != null || comment != null) {
                    return new Frame(id, event, data == null ? null : data.toString(), comment);
                }
                continue;
            }
            if (line.startsWith(":")) {
                comment = line.substring(1).strip();
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
        }
        return null;
    }

    /** The next event, skipping comments. */
    Frame nextEvent() throws IOException {
        Frame f;
        do {
            f = next();
        } while (f != null && f.comment() != null && f.event() == null);
        return f;
    }

    @Override
    public void close() {
        response.close();
    }
}
