package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Provider;
import dev.handoff.config.SecretNames;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Secrets written in clear anywhere in a configuration: a value under a key that names a secret
 * ({@link SecretNames#namesSecret}) or in a map called {@code headers}, which fetch would have
 * written as a {@code ${env:NAME}} placeholder. A committed file must not carry them; the value is
 * never shown. (Plugit webhook headers have their own rule in {@link PlugitRules}.)
 */
final class ClearSecrets {

    private static final Pattern PLUGIT_WEBHOOK_HEADER = Pattern.compile("/categories/\\d+/webhook/headers/[^/]+");

    private ClearSecrets() {
    }

    static void check(Checker c, Cursor root, Provider provider, String target) {
        walk(c, root, provider, target, null);
    }

    private static void walk(Checker c, Cursor at, Provider provider, String target, String key) {
        JsonNode node = at.node();
        if (key != null && isSecretPlace(at, key) && inClear(node)) {
            if (provider == Provider.PLUGIT && PLUGIT_WEBHOOK_HEADER.matcher(at.pointer()).matches()) {
                return;
            }
            String variable = SecretNames.derive(provider, target == null ? SecretNames.UNKNOWN_TARGET : target, List.of(at.path()));
            String which = target == null ? " (" + SecretNames.UNKNOWN_TARGET + ": the file's target in handoff.yaml)" : "";
            c.error(at, "'" + key + "' holds a secret written in clear in a committed file (value not shown)",
                    "replace it with ${env:" + variable + "}" + which + ", export that variable where you push from,"
                            + " and rotate the secret: it is in your git history");
            return;
        }
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(c, at.child(k), provider, target, k);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(c, at.item(i, null), provider, target, null);
            }
        }
    }

    private static boolean isSecretPlace(Cursor at, String key) {
        if (SecretNames.namesSecret(key)) {
            return true;
        }
        String parent = at.pointer().substring(0, at.pointer().lastIndexOf('/'));
        return parent.substring(parent.lastIndexOf('/') + 1).equalsIgnoreCase("headers");
    }

    /** A value that tells something: a non-empty text that is not a placeholder, a number, a non-empty list or mapping. */
    private static boolean inClear(JsonNode v) {
        if (v.isTextual()) {
            return !v.asText().isBlank() && !PlugitRules.ENV_PLACEHOLDER.matcher(v.asText().strip()).matches();
        }
        return v.isNumber() || (v.isContainerNode() && !v.isEmpty() && !allPlaceholders(v));
    }

    private static boolean allPlaceholders(JsonNode v) {
        for (JsonNode child : v) {
            if (child.isContainerNode() ? !allPlaceholders(child) : !(child.isTextual()
                    && PlugitRules.ENV_PLACEHOLDER.matcher(child.asText().strip()).matches())) {
                return false;
            }
        }
        return true;
    }
}
