package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Provider;
import dev.handoff.config.SecretNames;
import dev.handoff.diff.ListMatcher;
import dev.handoff.secret.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Secrets written in clear anywhere in a configuration: a value at a place that holds secrets
 * ({@link SecretNames#isSecretPlace}: under a key naming a secret, in a map or list called
 * {@code headers}) or a URL with a password under any key ({@link SecretNames#isSecretText}),
 * which fetch would have written as a {@code ${env:NAME}} placeholder. A committed file must not carry them; the value is
 * never shown. (Plugit webhook headers have their own rule in {@link PlugitRules}.)
 */
final class ClearSecrets {

    private static final Pattern PLUGIT_WEBHOOK_HEADER = Pattern.compile("/categories/\\d+/webhook/headers/[^/]+");

    private ClearSecrets() {
    }

    static void check(Checker c, Cursor root, Provider provider, String target) {
        walk(c, root, provider, target, List.of(), List.of());
    }

    /**
     * @param keys  the keys from the root to here, null standing for a list item
     * @param names the same with each list item's label (its name, title or id, as fetch names
     *              variables), so that the placeholder suggested is the one fetch would write
     */
    private static void walk(Checker c, Cursor at, Provider provider, String target, List<String> keys, List<String> names) {
        JsonNode node = at.node();
        String key = keys.isEmpty() ? null : keys.get(keys.size() - 1);
        if (node.isTextual() && node.asText().contains(Redactor.MASK)) {
            c.error(at, "holds " + Redactor.MASK + ", the mask handoff writes where a remote text named a secret's value; push refuses it",
                    "rewrite the text as you want it on the remote, without the secret (and rotate the secret)");
            return;
        }
        boolean secret = (SecretNames.isSecretPlace(keys) && inClear(node))
                || (key != null && node.isTextual() && SecretNames.isSecretText(node.asText()));
        if (secret) {
            if (provider == Provider.PLUGIT && PLUGIT_WEBHOOK_HEADER.matcher(at.pointer()).matches()) {
                return;
            }
            if (provider == Provider.CATY) {
                // a Caty file is pasted into the dashboard by hand: there is no push to resolve a placeholder
                c.error(at, "'" + key + "' holds a secret written in clear in a committed file (value not shown)",
                        "keep the secret in Caty's dashboard only and remove it from this file, and rotate it: it is in your git history");
                return;
            }
            String variable = SecretNames.derive(provider, target == null ? SecretNames.UNKNOWN_TARGET : target, names);
            String which = target == null ? " (" + SecretNames.UNKNOWN_TARGET + ": the file's target in handoff.yaml)" : "";
            c.error(at, "'" + key + "' holds a secret written in clear in a committed file (value not shown)",
                    "replace it with ${env:" + variable + "}" + which + ", export that variable where you push from,"
                            + " and rotate the secret: it is in your git history");
            return;
        }
        if (node.isObject()) {
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            for (String k : fields) {
                walk(c, at.child(k), provider, target, with(keys, k), with(names, k));
            }
        } else if (node.isArray()) {
            ListMatcher.Labeler labels = ListMatcher.labeler(node);
            for (int i = 0; i < node.size(); i++) {
                walk(c, at.item(i, null), provider, target, with(keys, null),
                        with(names, labels.label(node.get(i), null, i)[1]));
            }
        }
    }

    /**
     * Local evaluation settings have no placeholders: a secret there (an LLM server's key under
     * {@code classifier}) is refused, and the hint names where keys come from.
     */
    static void checkEvaluationSettings(Checker c, Cursor at, List<String> keys) {
        JsonNode node = at.node();
        String key = keys.isEmpty() ? null : keys.get(keys.size() - 1);
        // a base_url with a password has its own, more precise error (ClassifierSettingsCheck)
        boolean secretUrl = key != null && !key.equals("base_url") && node.isTextual() && SecretNames.isSecretText(node.asText());
        // under classifier settings a bare "key" is an API key too (classifier.openai.key)
        boolean bareKey = "key".equalsIgnoreCase(key) && keys.contains("classifier");
        if (((SecretNames.isSecretPlace(keys) || bareKey) && inClear(node)) || secretUrl) {
            c.error(at, "'" + key + "' holds a secret written in clear in a committed file (value not shown)",
                    "remove it: the LLM server's key is read from OPENAI_API_KEY (or the variable --api-key-env names);"
                            + " rotate it, it is in your git history");
            return;
        }
        if (node.isObject()) {
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            for (String k : fields) {
                checkEvaluationSettings(c, at.child(k), with(keys, k));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkEvaluationSettings(c, at.item(i, null), with(keys, null));
            }
        }
    }

    private static List<String> with(List<String> keys, String next) {
        List<String> out = new ArrayList<>(keys);
        out.add(next);
        return out;
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
