package dev.handoff.queue.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.handoff.queue.QueueJson;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.spi.JettyExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small helpers over {@link HttpExchange}: JSON answers, bounded bodies, query parameters. */
final class Exchanges {

    private Exchanges() {
    }

    /** Exchange attribute holding the request's headers once they have been copied. */
    private static final String HEADERS = "handoff.request-headers";

    /**
     * The copy and the exchange it belongs to: the JDK's own server keeps attributes per context,
     * not per request, so a copy is used only by the exchange that made it.
     */
    private record CachedHeaders(HttpExchange exchange, Headers headers) {
    }

    /**
     * The request's headers as the client wrote them, copied once per request. Jetty's adapter builds
     * a new {@link Headers} on each {@code getRequestHeaders()} call (a webhook made six), and splits
     * every value at its commas as a list: {@code getFirst} then saw "abc" of a secret "abc,def" and
     * "batch-7" of the distinct keys "batch-7,evt-1" and "batch-7,evt-2", so a valid webhook got 401
     * and a new event was answered "duplicate" and dropped. Each header line's value stays whole here.
     */
    static Headers requestHeaders(HttpExchange ex) {
        if (ex.getAttribute(HEADERS) instanceof CachedHeaders cached && cached.exchange() == ex) {
            return cached.headers();
        }
        Headers headers;
        if (ex instanceof JettyExchange jetty) {
            headers = new Headers();
            for (HttpField field : jetty.getRequest().getHeaders()) {
                if (field.getValue() != null) {
                    headers.add(field.getName(), field.getValue());
                }
            }
        } else {
            headers = ex.getRequestHeaders();
        }
        ex.setAttribute(HEADERS, new CachedHeaders(ex, headers));
        return headers;
    }

    static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes;
        try {
            bytes = QueueJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code {"error": reason, "field": field}}; field is left out when the whole request is at fault. */
    static void error(HttpExchange ex, int status, String reason, String field) throws IOException {
        json(ex, status, errorBody(reason, field));
    }

    static ObjectNode errorBody(String reason, String field) {
        ObjectNode body = QueueJson.mapper().createObjectNode();
        body.put("error", reason);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

    /** The body, or null when it is longer than {@code limit}; never reads more than {@code limit + 1} bytes. */
    static byte[] body(HttpExchange ex, int limit) throws IOException {
        String declared = requestHeaders(ex).getFirst("Content-Length");
        InputStream in = ex.getRequestBody();
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit) {
                return null;
            }
            if (length >= 0) {
                // the usual case: one array of the right size (shorter if the client went away)
                return in.readNBytes((int) length);
            }
        }
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    /** True when the request declares a JSON body ({@code application/json} or {@code application/*+json}). */
    static boolean isJson(HttpExchange ex) {
        String type = requestHeaders(ex).getFirst("Content-Type");
        if (type == null) {
            return false;
        }
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /** A {@code charset} the request declares that Java does not know. */
    static final class UnknownCharsetException extends Exception {
        UnknownCharsetException(String name) {
            super(name);
        }
    }

    /**
     * The charset the request's Content-Type declares ({@code application/json; charset=iso-8859-1}),
     * or null when it declares none.
     *
     * @throws UnknownCharsetException naming it, when Java knows no such charset
     */
    static java.nio.charset.Charset declaredCharset(HttpExchange ex) throws UnknownCharsetException {
        String type = requestHeaders(ex).getFirst("Content-Type");
        if (type == null) {
            return null;
        }
        String[] parts = type.split(";");
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String name = param.substring(eq + 1).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return java.nio.charset.Charset.forName(name);
                } catch (IllegalArgumentException e) { // unsupported, or not even a charset's name
                    throw new UnknownCharsetException(name);
                }
            }
        }
        return null;
    }

    /** A header value fit to repeat in an answer: printable ASCII, at most 40 characters. */
    static String token(String value) {
        String clean = value.strip().replaceAll("[^\\x21-\\x7e]", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }

    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> params = new LinkedHashMap<>();
        parameters(ex).forEach(p -> params.putIfAbsent(p[0], p[1]));
        return params;
    }

    /** The query's parameters in order, each a decoded {name, value}; repeats kept. */
    private static java.util.List<String[]> parameters(HttpExchange ex) {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.add(new String[] {decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1))});
        }
        return out;
    }

    /**
     * The first query parameter given more than once, or null: the answer would be decided by one of them ({@link #query}
     * keeps the first), so such a request is refused rather than read, as a repeated webhook header is.
     */
    static String repeatedParameter(HttpExchange ex) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String[] p : parameters(ex)) {
            if (!seen.add(p[0])) {
                return p[0];
            }
        }
        return null;
    }

    /** Answers 400 and returns true when a query parameter is given twice. */
    static boolean refuseRepeatedParameter(HttpExchange ex) throws java.io.IOException {
        String repeated = repeatedParameter(ex);
        if (repeated == null) {
            return false;
        }
        error(ex, 400, "the query parameter '" + token(repeated) + "' is given more than once; give it once"
                + (repeated.equals("status") ? " (status takes a comma-separated list: status=pending,in_progress)" : ""), token(repeated));
        return true;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    static void methodNotAllowed(HttpExchange ex, String allow) throws IOException {
        ex.getResponseHeaders().set("Allow", allow);
        error(ex, 405, "method " + ex.getRequestMethod() + " not allowed here; use " + allow, null);
    }
}
