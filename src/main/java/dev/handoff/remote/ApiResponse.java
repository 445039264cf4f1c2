package dev.handoff.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A 2xx answer, body read in full.
 *
 * @param etag the {@code ETag} header, or null when the server gave none
 */
public record ApiResponse(ApiCall call, int code, String contentType, String etag, byte[] body) {

    /** The body as JSON; an HTML page, an empty body or broken JSON is a remote error naming the URL. */
    public JsonNode json(String expected) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw HandoffException.remote(call + ": empty response; expected " + expected,
                    "check the target's url (and agent_id) in handoff.yaml or --api-url", null);
        }
        if (type.contains("html") || text.startsWith("<")) {
            throw HandoffException.remote(call + ": got an HTML page (HTTP " + code + ", " + (type.isEmpty() ? "no Content-Type" : type)
                            + "), not " + expected,
                    "the URL probably points at a web page, not the API: check the target's url in handoff.yaml or --api-url", null);
        }
        try {
            return Yaml.json().readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw HandoffException.remote(call + ": the response is not valid JSON" + where + "; expected " + expected,
                    "the server or a proxy in between answered something else; try again, and check the URL", e);
        }
    }

    /** The body as JSON, or null when it is not (a write's answer is a bonus, never required). */
    public JsonNode jsonOrNull() {
        try {
            return Yaml.json().readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
