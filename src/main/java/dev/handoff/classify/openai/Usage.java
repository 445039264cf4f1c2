package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Tokens one reply cost, from the server's {@code usage}; zeros when a server reports none. */
record Usage(long prompt, long cached, long completion) {

    static final Usage NONE = new Usage(0, 0, 0);

    static Usage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        return new Usage(usage.path("prompt_tokens").asLong(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0));
    }
}
