package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.classify.ApiKey;
import dev.handoff.classify.ChatServer;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.Price;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.error.HandoffException;

import java.time.Duration;
import java.util.Locale;

/**
 * Where and what to ask: the command line first, then the {@code classifier.openai} block of the
 * evaluation settings ({@code model}, {@code base_url}), then the defaults.
 *
 * @param keyHeader null for {@code Authorization: Bearer}, else the header that carries the key
 */
record OpenAiSettings(String baseUrl, String model, ApiKey key, String keyEnv, String keyHeader, Price price,
                      int concurrency, Duration timeout) {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    static OpenAiSettings from(ClassifierOptions options, EvaluationSettings settings) {
        ChatServer server = options.chatServer();
        JsonNode block = settings.classifierOptions() == null ? null : settings.classifierOptions().get("openai");
        String where = settings.file() == null ? "the evaluation settings" : settings.file().toString();
        String baseUrl = first(server.baseUrl(), text(block, "base_url", where), DEFAULT_BASE_URL).strip();
        if (!isHttpUrl(baseUrl)) {
            throw HandoffException.usage("--base-url '" + Redaction.url(baseUrl) + "' is not an http(s) URL",
                    "e.g. --base-url https://api.openai.com/v1 or --base-url http://localhost:8000/v1");
        }
        // user:password on the command line is masked wherever the URL is shown; a query is not
        String secretPart = dev.handoff.text.UrlSecrets.queryOrFragment(baseUrl);
        if (secretPart != null) {
            throw HandoffException.usage("--base-url '" + Redaction.url(dev.handoff.text.UrlSecrets.withoutQuery(baseUrl)) + "' carries " + secretPart
                            + ", which would end up in messages and reports",
                    "pass the server's address alone; the key goes in $OPENAI_API_KEY (or --api-key-env, --api-key-header)");
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (baseUrl.endsWith("/chat/completions")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - "/chat/completions".length());
        }
        String model = first(blank(options.model()), text(block, "model", where), null);
        if (model == null) {
            throw HandoffException.usage("--classifier openai needs a model name",
                    "pass --model (e.g. --model gpt-4o-mini), or set classifier.openai.model in the evaluation settings");
        }
        return new OpenAiSettings(baseUrl, model.strip(), server.apiKey(), server.apiKeyEnv(), keyHeader(server.keyHeader()),
                server.price(), Math.max(1, options.concurrency()),
                options.timeout() == null ? Duration.ofSeconds(120) : options.timeout());
    }

    /** "Authorization: Bearer" (or "Authorization", "bearer") is the default; anything else names a header. */
    static String keyHeader(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String g = given.strip();
        String lower = g.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (lower.equals("authorization: bearer") || lower.equals("authorization") || lower.equals("bearer")) {
            return null;
        }
        if (!g.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw HandoffException.usage("--api-key-header '" + g + "' is not a header name",
                    "use 'Authorization: Bearer' (the default) or a header name such as api-key (Azure OpenAI)");
        }
        return g;
    }

    /** How the report says the key is sent; never the key. */
    String keyDescription() {
        if (key == null) {
            return "none";
        }
        return "from $" + (keyEnv == null ? "OPENAI_API_KEY" : keyEnv) + ", sent as " + (keyHeader == null ? "Authorization: Bearer" : keyHeader);
    }

    private static String text(JsonNode block, String field, String where) {
        if (block == null || block.isNull() || !block.has(field) || block.get(field).isNull()) {
            return null;
        }
        JsonNode n = block.get(field);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw HandoffException.usage(where + ": classifier.openai." + field + " must be a non-empty string", null);
        }
        return n.asText();
    }

    /** The one rule for a base URL, from --base-url or from classifier.openai.base_url (validate applies it too). */
    static boolean isHttpUrl(String url) {
        // the scheme, and a host and port the HTTP client accepts (":99999" or "a b" ended in an internal error)
        return (url.startsWith("http://") || url.startsWith("https://")) && okhttp3.HttpUrl.parse(url) != null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
