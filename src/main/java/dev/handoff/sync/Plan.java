package dev.handoff.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.diff.Change;
import dev.handoff.diff.DiffResult;
import dev.handoff.error.HandoffException;

import java.nio.file.Path;

/**
 * What {@code diff --out plan.json} saves and {@code push --plan} checks: the hashes of the local
 * and remote documents the diff saw (a push refuses when either moved on) and the patch, for review.
 *
 * @param remoteHash    null when the remote did not exist (a Plugit agent to create)
 * @param secretChanges {@link #secretChanges(DiffResult)} of the diff: the two hashes leave secret values
 *                      out, so this is what tells a push that a secret's variable changed since; null in a
 *                      plan an older handoff made
 * @param remoteUrl     the remote's URL (no user, password or query) the diff read; null in a plan an older handoff made
 * @param agentId       the Plugit agent the diff read, else null
 */
public record Plan(String target, Provider provider, String localHash, String remoteHash, ObjectNode summary, ArrayNode patch,
                   String secretChanges, String remoteUrl, String agentId) {

    /**
     * Which secrets the push would change, as a sha256 of their paths (sorted): no value, not even
     * masked, and nothing a path might hold is written in clear.
     */
    public static String secretChanges(DiffResult diff) {
        String paths = diff.changes().stream()
                .filter(c -> c instanceof Change.SecretCompared s && s.state() == Change.SecretState.CHANGED)
                .map(c -> c.path().pointer()).sorted().collect(java.util.stream.Collectors.joining("\n"));
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(paths.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a push's diff changes the secrets the plan's diff did, no more and no fewer (a plan of
     * an older handoff: as many of them).
     */
    public boolean sameSecretChanges(DiffResult now) {
        return secretChanges != null ? secretChanges.equals(secretChanges(now))
                : summary.path("secrets_changed").asLong(-1) == now.secrets(Change.SecretState.CHANGED);
    }

    public static final int FORMAT = 1;

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("handoff_plan", FORMAT);
        o.put("target", target);
        o.put("provider", provider.id());
        o.put("local_hash", localHash);
        if (remoteHash == null) {
            o.putNull("remote_hash");
        } else {
            o.put("remote_hash", remoteHash);
        }
        if (remoteUrl != null) {
            ObjectNode remote = o.putObject("remote");
            remote.put("url", remoteUrl);
            if (agentId != null) {
                remote.put("agent_id", agentId);
            }
        }
        o.set("summary", summary);
        if (secretChanges != null) {
            o.put("secret_changes", secretChanges);
        }
        o.set("patch", patch);
        return o;
    }

    public String toText() {
        try {
            return Yaml.json().writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param file the plan, named in messages as the user gave it */
    public static Plan read(Path file, Path shownAs) {
        String text = YamlFiles.readUtf8(file, shownAs, YamlFiles.MAX_BYTES);
        JsonNode root;
        try {
            root = Yaml.json().readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw HandoffException.usage(shownAs + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not a plan (malformed JSON)", MAKE_ONE);
        }
        // remote_hash is null for an agent to create, and never absent: a plan without it is no plan, not a moved remote
        if (root == null || !root.isObject() || root.path("handoff_plan").asInt(0) != FORMAT
                || !root.path("local_hash").isTextual() || !root.path("target").isTextual()
                || !(root.path("remote_hash").isTextual() || root.path("remote_hash").isNull())) {
            throw HandoffException.usage(shownAs + ": not a handoff plan (needs handoff_plan: " + FORMAT
                    + ", target, local_hash, remote_hash)", MAKE_ONE);
        }
        Provider provider;
        try {
            provider = Provider.parse(root.path("provider").asText(""));
        } catch (IllegalArgumentException e) {
            throw HandoffException.usage(shownAs + ": provider: " + e.getMessage(), null);
        }
        JsonNode remote = root.get("remote_hash");
        return new Plan(root.get("target").asText(), provider, root.get("local_hash").asText(),
                remote == null || remote.isNull() ? null : remote.asText(),
                root.path("summary").isObject() ? (ObjectNode) root.get("summary") : JsonNodeFactory.instance.objectNode(),
                root.path("patch").isArray() ? (ArrayNode) root.get("patch") : JsonNodeFactory.instance.arrayNode(),
                root.path("secret_changes").isTextual() ? root.get("secret_changes").asText() : null,
                root.path("remote").path("url").isTextual() ? root.path("remote").get("url").asText() : null,
                root.path("remote").path("agent_id").isTextual() ? root.path("remote").get("agent_id").asText() : null);
    }

    private static final String MAKE_ONE = "make a plan with 'handoff diff --out plan.json', then run 'handoff push --plan plan.json'";
}
