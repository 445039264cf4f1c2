package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.SecretNames;
import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.text.UrlSecrets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fields of a target in {@code handoff.yaml}. A misspelt one is refused rather than ignored: a
 * {@code tokn_env: X} left unread sends the token of the default variable, and a url that is not
 * http(s) only fails at push. Every command that reads the project file runs this first.
 */
public final class TargetFields {

    static final List<String> FIELDS = List.of("provider", "url", "file", "token_env", "agent_id");

    /** A variable name as token_env holds one: upper case by convention, which a token rarely is all through. */
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);

    private TargetFields() {
    }

    /**
     * Refuses (USAGE, at the key's line and column) an unknown field of a target, with "did you mean",
     * and a url that is not http(s). Reads the file again for positions only when there is something to report.
     *
     * @param file   the project file, read again for positions
     * @param shown  how messages name it
     * @param root   its parsed content
     */
    public static void check(Path file, Path shown, JsonNode root) {
        JsonNode targets = root.path("targets");
        if (!targets.isObject()) {
            return;
        }
        for (var target : targets.properties()) {
            JsonNode t = target.getValue();
            if (!t.isObject()) {
                continue;
            }
            String pointer = LocatedTree.pointer(LocatedTree.pointer("", "targets"), target.getKey());
            String field = "targets." + target.getKey();
            for (var member : t.properties()) {
                String key = member.getKey();
                if (FIELDS.contains(key)) {
                    continue;
                }
                String suggestion = Suggest.closest(key, FIELDS);
                if (leftToSecretCheck(key, member.getValue(), suggestion)) {
                    continue;
                }
                throw HandoffException.usage(where(file, shown, LocatedTree.pointer(pointer, key), true) + ": " + field + "." + key
                                + " is not a field of a target" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                        "a target has provider, url, file, and optionally token_env and agent_id (see docs/configuration-as-code.md, "
                                + "'Targets and credentials')");
            }
            checkUrl(file, shown, t.get("url"), LocatedTree.pointer(pointer, "url"), field + ".url");
        }
    }

    /**
     * Whether the secret check should report this key instead: it holds what would be a secret in clear
     * ({@code token: qc_...}), unless it is a misspelt token_env holding a variable's name
     * ({@code tokenenv: MY_TOKEN}), which names where the token is kept and is no secret.
     */
    private static boolean leftToSecretCheck(String key, JsonNode value, String suggestion) {
        ObjectNode alone = JsonNodeFactory.instance.objectNode();
        alone.set(key, value);
        if (SecretNames.clearSecretPaths(alone).isEmpty()) {
            return false;
        }
        boolean variableName = "token_env".equals(suggestion) && value.isTextual() && VARIABLE_NAME.matcher(value.asText()).matches();
        return !variableName;
    }

    /** The API is spoken over HTTP: an ftp:// or scheme-less url would only fail at fetch or push. */
    private static void checkUrl(Path file, Path shown, JsonNode url, String pointer, String field) {
        if (url == null || !url.isTextual() || url.asText().isBlank()) {
            return; // offline commands need no url; fetch and push ask for it
        }
        String text = url.asText().strip();
        if (UrlSecrets.partIn(text) != null) {
            return; // ProjectFile names the credential part, which says more
        }
        var m = SCHEME.matcher(text);
        String scheme = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
        if ("https".equals(scheme) || "http".equals(scheme)) {
            return;
        }
        // only the scheme is shown: the rest of a url is the user's to read in the file
        throw HandoffException.usage(where(file, shown, pointer, false) + ": " + field + " is not an http(s) address ("
                        + (scheme == null ? "it has no scheme" : "it starts with '" + scheme + ":'") + ")",
                "write the API's base address, e.g. https://app.quickchat.ai or https://api.plugit.chat");
    }

    private static SourceLocation where(Path file, Path shown, String pointer, boolean key) {
        LocatedTree tree = LocatedTree.parse(shown, YamlFiles.readUtf8(file, shown, YamlFiles.MAX_BYTES));
        return key ? tree.keyAt(pointer) : tree.valueAt(pointer);
    }
}
