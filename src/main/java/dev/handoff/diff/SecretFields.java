package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Provider;
import dev.handoff.config.SecretNames;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which values are secrets, and the {@code ${env:NAME}} placeholders that stand for them in files.
 * Plugit webhook header values are secrets whatever the header is called and whatever their JSON type
 * (docs/configuration-as-code.md); elsewhere any string, number, list or object at a place
 * {@link SecretNames#isSecretPlace} names (a key naming a secret, a headers map or list), and a
 * URL with a password under any key.
 */
public final class SecretFields {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private SecretFields() {
    }

    /** Whether the value here is a secret because of where it is ({@link SecretNames#isSecretPlace}). */
    public static boolean isSecret(Provider provider, DiffPath path) {
        if (isWebhookHeader(provider, path)) {
            return true;
        }
        List<String> keys = new ArrayList<>();
        for (DiffPath.Segment s : path.segments()) {
            keys.add(s instanceof DiffPath.Field f ? f.name() : null);
        }
        return SecretNames.isSecretPlace(keys);
    }

    /** {@code categories[title=…].webhook.headers.<name>} of a Plugit agent. */
    public static boolean isWebhookHeader(Provider provider, DiffPath path) {
        List<DiffPath.Segment> s = path.segments();
        return provider == Provider.PLUGIT && s.size() == 5
                && s.get(0).equals(new DiffPath.Field("categories"))
                && s.get(1) instanceof DiffPath.Item
                && s.get(2).equals(new DiffPath.Field("webhook"))
                && s.get(3).equals(new DiffPath.Field("headers"))
                && s.get(4) instanceof DiffPath.Field;
    }

    /**
     * Is the value at this path a secret to hide? A webhook header's value is, whatever its JSON
     * type (a number, list or object is as secret as a string); under a key named like a secret,
     * a non-empty string, a number, a non-empty list or object is; under any key, a URL with a
     * password in it. Left visible: null, an empty string, and booleans under secret-named keys
     * ({@code password_required: true} tells nothing).
     */
    public static boolean isSecretValue(Provider provider, DiffPath path, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isTextual() && path.lastField() != null && SecretNames.isSecretText(value.asText())) {
            return true;
        }
        if (!isSecret(provider, path)) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        if (isWebhookHeader(provider, path)) {
            return true;
        }
        return value.isNumber() || (value.isContainerNode() && !value.isEmpty());
    }

    /** The variable of a {@code ${env:NAME}} placeholder, or null when the value is not one. */
    public static String variable(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value.asText());
        return m.matches() ? m.group(1) : null;
    }

    public static String placeholder(String variable) {
        return "${env:" + variable + "}";
    }
}
