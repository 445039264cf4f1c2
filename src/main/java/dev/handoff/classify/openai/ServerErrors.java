package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;

import java.io.IOException;

/** What the user reads when the server says no: the URL, the status, its message with the key masked, what to do. */
record ServerErrors(OpenAiSettings settings) {

    HandoffException fatal(int status, String body) {
        String detail = "HTTP " + status + serverMessage(body);
        String env = settings.keyEnv() == null ? "OPENAI_API_KEY" : settings.keyEnv();
        return switch (status) {
            case 401 -> HandoffException.auth(where() + " refused the API key (" + detail + ")",
                    settings.key() == null ? "set " + env + " (or name the variable with --api-key-env)"
                            : "check the key in $" + env + (settings.keyHeader() == null ? "" : " and --api-key-header"));
            case 403 -> HandoffException.auth(where() + " refused access (" + detail + ")",
                    "check that the key may use model '" + settings.model() + "'");
            case 301, 302, 303, 307, 308 -> HandoffException.usage(where() + " answered with a redirect (HTTP " + status
                            + "); redirects are not followed, so that the key never goes to another address",
                    "pass the address the server redirects to as --base-url (curl -sI shows it)");
            case 404 -> HandoffException.usage(where() + " has no model '" + settings.model() + "' or no /chat/completions (" + detail + ")",
                    "check --model and --base-url (it usually ends in /v1)");
            default -> HandoffException.remote(where() + " rejected the request (" + detail + ")",
                    "the server's message says what it refused; docs/classifier-openai.md lists what each server accepts", null);
        };
    }

    String where() {
        return Redaction.url(settings.baseUrl()) + "/chat/completions";
    }

    /** The server's error message, with anything that looks like the key masked. */
    String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String message;
        try {
            JsonNode error = Yaml.json().readTree(body).path("error");
            message = error.isObject() ? error.path("message").asText("") : error.isTextual() ? error.asText() : body;
        } catch (IOException | RuntimeException notJson) {
            message = body;
        }
        message = Redaction.text(message.strip().replaceAll("\\s+", " "), settings.key());
        return message.isEmpty() ? "" : ": " + cut(message);
    }

    static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
