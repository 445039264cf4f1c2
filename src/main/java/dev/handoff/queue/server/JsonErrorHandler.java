package dev.handoff.queue.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handoff.queue.QueueJson;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The answers Jetty gives itself, before a request reaches the inbox (a request line it cannot
 * parse, headers over the limit, an ambiguous URI), in the inbox's own shape,
 * {@code {"error": "..."}}, instead of Jetty's HTML page: a platform or script reading the inbox's
 * answers reads JSON every time.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int code, String message) {
        String reason = switch (code) {
            case 431 -> "request headers too large (at most 16 KiB)";
            case 414 -> "request URI too long";
            case 400 -> message != null && message.contains("empty segment")
                    ? "the URL's path has an empty segment ('//'): check the URL the sender posts to"
                    : "bad request" + (message == null || message.isBlank() ? "" : ": " + message);
            default -> message == null || message.isBlank() ? "HTTP " + code : message;
        };
        try {
            return QueueJson.mapper().writeValueAsBytes(Exchanges.errorBody(reason, null));
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"HTTP " + code + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
