package dev.handoff.classify;

/**
 * How to reach an OpenAI-compatible Chat Completions server. Null fields mean "not given on the
 * command line": the evaluation settings, then the classifier's defaults, decide.
 *
 * @param baseUrl   e.g. https://api.openai.com/v1 (the classifier posts to {@code {baseUrl}/chat/completions})
 * @param apiKeyEnv the environment variable the key was read from, for messages (never the key)
 * @param apiKey    the key, or null for a server that needs none
 * @param keyHeader {@code Authorization: Bearer} (OpenAI, most servers) or a header name such as {@code api-key} (Azure)
 * @param price     USD per million tokens, or null
 */
public record ChatServer(String baseUrl, String apiKeyEnv, ApiKey apiKey, String keyHeader, Price price) {

    public static final ChatServer DEFAULT = new ChatServer(null, null, null, null, null);
}
