package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.SecretNames;
import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.text.Suggest;
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

    /** A key fit to print: a lower-case word or two, as a field name is; anything else may be a pasted secret. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[a-z][a-z_]{0,30}");

    /** A variable's name as a shell takes one. */
    private static final Pattern ANY_VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final String CLEAR_TOKEN_HINT = "remove it, put the token in the variable token_env names (default"
            + " HANDOFF_TOKEN_<TARGET>) or the credentials file, and rotate it: it is in your git history";

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
                JsonNode value = member.getValue();
                if (key.equals("token_env")) {
                    checkTokenEnv(file, shown, value, LocatedTree.pointer(pointer, key), field + ".token_env");
                }
                if (FIELDS.contains(key)) {
                    continue;
                }
                String suggestion = Suggest.closest(key, FIELDS);
                if (leftToSecretCheck(key, value, suggestion)) {
                    continue;
                }
                boolean aboutTheToken = "token_env".equals(suggestion) || key.toLowerCase(Locale.ROOT).startsWith("tok");
                if (aboutTheToken && value.isTextual() && !VARIABLE_NAME.matcher(value.asText()).matches()) {
                    // 'tokn: qc_live_...': a token under a misspelt key, which the secret check (by key names) does not see
                    throw HandoffException.usage(where(file, shown, LocatedTree.pointer(pointer, key), true) + ": " + field + "." + key
                                    + " holds what looks like a token written in clear (value not shown); did you mean 'token_env',"
                                    + " which names the variable holding the token?", CLEAR_TOKEN_HINT);
                }
                // a key that is no field's near miss may be pasted text ('{..., qc_live_...}' makes a token a key): not shown
                boolean showable = suggestion != null || PLAIN_KEY.matcher(key).matches();
                throw HandoffException.usage(where(file, shown, LocatedTree.pointer(pointer, key), true) + ": "
                                + (showable ? field + "." + key + " is not a field of a target"
                                : field + " has an entry that is not a field of a target (not shown: it may be a pasted token)")
                                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                        "a target has provider, url, file, and optionally token_env and agent_id (see docs/configuration-as-code.md, "
                                + "'Targets and credentials')" + (showable ? "" : "; if a token was pasted there, rotate it"));
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

    /**
     * token_env names a variable: a value that cannot be one ("Bearer qc_live_...", an empty text, a list) is refused, not
     * shown, since it is most likely the token itself; read as a name, it was printed in "... is not set".
     */
    private static void checkTokenEnv(Path file, Path shown, JsonNode value, String pointer, String field) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isTextual() && ANY_VARIABLE_NAME.matcher(value.asText()).matches()) {
            return;
        }
        if (value.isTextual() && !value.asText().isBlank()) {
            throw HandoffException.usage(where(file, shown, pointer, false) + ": " + field
                    + " is not a variable's name (value not shown: it looks like the token itself)", CLEAR_TOKEN_HINT);
        }
        throw HandoffException.usage(where(file, shown, pointer, false) + ": " + field + " must name an environment variable, e.g."
                + " QC_TOKEN", "write the name of the variable holding the token, or leave token_env out for HANDOFF_TOKEN_<TARGET>");
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
