package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;

import java.io.IOException;

/** What the user reads when the server says no: the URL, the status, its message with the key masked, what to do. */
record ServerErrors(OpenAiSettings settings) {

    HandoffException fatal(int status, String body) {
        return fatal(status, body, null);
    }

    /** @param location the reply's Location header (redirects), or null */
    HandoffException fatal(int status, String body, String location) {
        String detail = "HTTP " + status + serverMessage(body);
        String env = settings.keyEnv() == null ? "OPENAI_API_KEY" : settings.keyEnv();
        return switch (status) {
            case 401 -> HandoffException.auth(where() + " refused the API key (" + detail + ")",
                    settings.key() == null ? "set " + env + " (or name the variable with --api-key-env)"
                            : "check the key in $" + env + (settings.keyHeader() == null ? "" : " and --api-key-header"));
            case 403 -> HandoffException.auth(where() + " refused access (" + detail + ")",
                    "check that the key may use model '" + settings.model() + "'");
            case 301, 302, 303, 307, 308 -> redirect(status, location);
            case 404 -> HandoffException.usage(where() + " has no model '" + settings.model() + "' or no /chat/completions (" + detail + ")",
                    "check --model and --base-url (it usually ends in /v1)");
            default -> HandoffException.remote(where() + " rejected the request (" + detail + ")",
                    "the server's message says what it refused; docs/classifier-openai.md lists what each server accepts", null);
        };
    }

    private HandoffException redirect(int status, String location) {
        String target = location == null ? null : shown(location);
        if (target == null) {
            return HandoffException.usage(where() + " answered with a redirect (HTTP " + status + ") without saying where to",
                    "check --base-url: an OpenAI-compatible server's address usually ends in /v1");
        }
        String base = target.endsWith("/chat/completions") ? target.substring(0, target.length() - "/chat/completions".length()) : null;
        return HandoffException.usage(where() + " answered with a redirect (HTTP " + status + ") to " + target
                        + "; redirects are not followed, so that the key never goes to another address",
                base != null ? "if that address is the server you mean, pass --base-url " + base
                        : "pass the server's own address as --base-url (it usually ends in /v1)");
    }

    /**
     * A Location as the user may read it: absolute (relative to the request), without query or
     * fragment (a signed address carries its token there), user:password masked; null when unreadable.
     */
    private String shown(String location) {
        try {
            java.net.URI uri = java.net.URI.create(where()).resolve(location.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return Redaction.url(new java.net.URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(),
                    uri.getPath(), null, null).toString());
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
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
