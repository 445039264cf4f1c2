package dev.handoff.classify.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The messages of one question, in order (system, then user). {@link #key()} is what recorded
 * verdicts and reply caches are keyed on: equal keys mean byte-for-byte the same question.
 */
public record PromptMessages(List<PromptMessage> messages) {

    public PromptMessages {
        messages = List.copyOf(messages);
    }

    /** The stable part: the system message. */
    public String system() {
        return messages.get(0).content();
    }

    /** The conversation: the last message. */
    public String user() {
        return messages.get(messages.size() - 1).content();
    }

    /**
     * The messages as compact JSON, {@code [{"role":"system","content":"..."},{"role":"user",...}]},
     * fields in that order, UTF-8, no whitespace: the same bytes on every machine.
     */
    public String canonicalJson() {
        ArrayNode array = Yaml.json().createArrayNode();
        for (PromptMessage m : messages) {
            ObjectNode o = array.addObject();
            o.put("role", m.role());
            o.put("content", m.content());
        }
        try {
            return Yaml.json().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson()}. */
    public String key() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
