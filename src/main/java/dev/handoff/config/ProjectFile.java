package dev.handoff.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed project file ({@code handoff.yaml}) mapping target names to provider, base URL
 * and local file. It never holds a token: only the name of the variable that does.
 *
 * <pre>
 * default_target: support
 * targets:
 *   support:
 *     provider: quickchat
 *     url: https://app.quickchat.ai
 *     file: guidelines/quickchat-support.yaml
 *     token_env: HANDOFF_TOKEN_SUPPORT      # optional
 *   sales:
 *     provider: plugit
 *     url: https://api.plugit.chat
 *     agent_id: agt_123
 *     file: guidelines/plugit-sales.yaml
 * </pre>
 */
public record ProjectFile(Path path, Path shown, String defaultTarget, Map<String, Target> targets) {

    public static final String FILE_NAME = "handoff.yaml";

    /** Finds {@code handoff.yaml} in {@code start} or its parents. */
    public static Path locate(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static ProjectFile load(Path path) {
        return load(path, path);
    }

    /** @param shown how messages name the file (see {@link dev.handoff.files.ShownPath}) */
    public static ProjectFile load(Path path, Path shown) {
        JsonNode root = YamlFiles.readTree(path, shown);
        // a misspelt key is reported as one before the secret check below could take it for a token
        dev.handoff.config.validate.TargetFields.check(path, shown, root);
        Path base = path.toAbsolutePath().getParent();
        Map<String, Target> targets = new LinkedHashMap<>();
        JsonNode targetsNode = root.path("targets");
        if (!targetsNode.isObject() || targetsNode.isEmpty()) {
            throw HandoffException.usage(shown + ": no 'targets' mapping",
                    "add a 'targets:' section naming at least one target (docs/configuration-as-code.md, 'Targets and credentials')");
        }
        for (var entry : targetsNode.properties()) {
            String name = entry.getKey();
            JsonNode t = entry.getValue();
            String field = "targets." + name;
            Provider provider;
            try {
                provider = Provider.parse(t.path("provider").asText(null));
            } catch (IllegalArgumentException e) {
                throw HandoffException.usage(shown + ": " + field + ".provider: " + e.getMessage(), null);
            }
            // offline commands (validate, diff, replay) need only the file; fetch and push ask for the url
            String url = t.path("url").asText(null);
            if (url == null || url.isBlank()) {
                url = "";
            }
            String secretPart = dev.handoff.text.UrlSecrets.partIn(url);
            if (secretPart != null) {
                // handoff.yaml is committed, and the url is printed in logs and messages
                throw HandoffException.usage(shown + ": " + field + ".url carries " + secretPart,
                        "write the API's address alone; the token goes in " + (t.hasNonNull("token_env") ? t.get("token_env").asText()
                                : Target.defaultTokenEnv(name)) + " or the credentials file");
            }
            String file = t.path("file").asText(null);
            if (file == null || file.isBlank()) {
                throw HandoffException.usage(shown + ": " + field + ".file is missing", "name the local YAML file, e.g. guidelines/" + name + ".yaml");
            }
            String tokenEnv = t.hasNonNull("token_env") ? t.get("token_env").asText() : Target.defaultTokenEnv(name);
            String agentId = t.hasNonNull("agent_id") ? t.get("agent_id").asText() : null;
            targets.put(name, new Target(name, provider, stripTrailingSlash(url), base.resolve(file).normalize(), tokenEnv, agentId));
        }
        // after the targets: a url with a password has its own, more precise message above
        refuseClearSecrets(shown, root);
        String defaultTarget = root.hasNonNull("default_target") ? root.get("default_target").asText() : null;
        if (defaultTarget != null && !targets.containsKey(defaultTarget)) {
            throw HandoffException.usage(shown + ": default_target '" + defaultTarget + "' is not one of " + targets.keySet(), null);
        }
        // in the file's order: every list of targets a message shows reads the same on each run
        return new ProjectFile(path, shown, defaultTarget, java.util.Collections.unmodifiableMap(targets));
    }

    /** The named target, or the default one (or the only one) when {@code name} is null. */
    public Target target(String name) {
        if (name == null) {
            if (defaultTarget != null) {
                return targets.get(defaultTarget);
            }
            if (targets.size() == 1) {
                return targets.values().iterator().next();
            }
            throw HandoffException.usage("several targets in " + shown + " and no default_target",
                    "pass --target NAME (one of " + String.join(", ", targets.keySet()) + ")");
        }
        Target t = targets.get(name);
        if (t == null) {
            String near = dev.handoff.text.Suggest.closest(name, targets.keySet());
            throw HandoffException.usage("unknown target '" + name + "' in " + shown,
                    (near == null ? "" : "did you mean '" + near + "'? ") + "use one of " + String.join(", ", targets.keySet()));
        }
        return t;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Refuses a project file holding a secret in clear: every command that reads it does, {@code validate FILE} (which reads it
     * only for its accepted warnings) included, so that the CI step that checks the files catches a committed token.
     */
    public static void refuseClearSecrets(Path shown, JsonNode root) {
        List<String> secrets = SecretNames.clearSecretPaths(root);
        if (!secrets.isEmpty()) {
            // handoff.yaml is committed: a token here is in the git history of everyone who cloned it
            throw HandoffException.usage(shown + ": " + secrets.get(0) + " holds a secret written in clear (value not shown)"
                            + (secrets.size() > 1 ? ", and " + (secrets.size() - 1) + " more: " + String.join(", ", secrets.subList(1, secrets.size())) : ""),
                    "remove it and put the token in the variable the target's token_env names (default HANDOFF_TOKEN_<TARGET>)"
                            + " or the credentials file; rotate it, it is in your git history");
        }
    }
}
