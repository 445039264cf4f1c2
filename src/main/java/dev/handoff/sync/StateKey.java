package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.Target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Which remote the saved state of a target (backups, version copies, secret fingerprints) belongs
 * to: the target's name and the remote it points to, never its token. Its folder is the target's
 * name made safe for a file name plus a short hash of provider, URL, agent id and the exact name
 * ({@code support-3f2a9c1b04de}), so that two remotes never share a folder, and neither do two
 * target names that read alike once made safe ({@code eu/support}, {@code eu_support}).
 *
 * @param url     the target's base URL, without a trailing slash
 * @param agentId the Plugit agent, or null (Quickchat, or an agent not created yet)
 */
public record StateKey(String target, Provider provider, String url, String agentId) {

    /** Characters of the hash in a folder's name: 48 bits, no collision between one user's remotes. */
    static final int HASH_CHARS = 12;

    public static StateKey of(Target target) {
        return new StateKey(target.name(), target.provider(), normaliseUrl(target.baseUrl()), target.agentId());
    }

    /** The key of this target's agent once a push created it. */
    StateKey withAgent(String id) {
        return id == null || id.equals(agentId) ? this : new StateKey(target, provider, url, id);
    }

    /** The folder under {@code backups/} and {@code versions/}. */
    String folder() {
        return safe(target) + "-" + hash();
    }

    /**
     * The folder of handoff versions that keyed state by the target's name alone (shared by every
     * remote of that name): read when this key's own folder lacks a file, never written. Null for a
     * name that is no folder of its own.
     */
    String legacyFolder() {
        String safe = safe(target);
        return safe.isEmpty() || safe.equals(".") || safe.equals("..") ? null : safe;
    }

    /**
     * The remote as people read it: its URL, and the agent for Plugit; the URL without a user,
     * password, query or fragment (a hand-edited backup may hold any).
     */
    String remote() {
        return publicUrl() + (agentId == null ? "" : " (agent " + agentId + ")");
    }

    /** The URL without a user, password, query or fragment: what a plan, which is reviewed and committed, may hold. */
    String publicUrl() {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1").replaceFirst("[?#].*$", "");
    }

    /** Same remote: provider, URL and agent (the target's name aside). */
    boolean sameRemote(StateKey other) {
        return provider == other.provider && url.equals(other.url) && Objects.equals(agentId, other.agentId);
    }

    /** The header key of a backup that records the target and remote it was taken from. */
    static final String BACKUP_OF = "backup_of";

    /** What a backup records of where it was taken from: target, URL and agent; never the token. */
    ObjectNode toHeader() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("target", target);
        node.put("url", url);
        if (agentId != null) {
            node.put("agent_id", agentId);
        }
        return node;
    }

    /**
     * The target and remote a backup was taken from, as {@link #toHeader} recorded it in the
     * backup's {@code x-handoff} header; null when it records none (a backup of an older handoff).
     */
    static StateKey fromHeader(JsonNode header, Provider provider) {
        JsonNode origin = header == null ? null : header.get(BACKUP_OF);
        if (origin == null || !origin.isObject() || !origin.path("target").isTextual() || !origin.path("url").isTextual()) {
            return null;
        }
        String agent = origin.path("agent_id").isValueNode() && !origin.path("agent_id").isNull() ? origin.get("agent_id").asText() : null;
        return new StateKey(origin.get("target").asText(), provider, normaliseUrl(origin.get("url").asText()), agent);
    }

    private String hash() {
        String identity = String.join("\n", "handoff-state-1", provider.id(), url, agentId == null ? "" : agentId, target);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String normaliseUrl(String url) {
        String u = url == null ? "" : url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        // scheme and host are case-insensitive; the path is not
        int hostEnd = u.indexOf('/', u.indexOf("://") < 0 ? 0 : u.indexOf("://") + 3);
        return hostEnd < 0 ? u.toLowerCase(Locale.ROOT) : u.substring(0, hostEnd).toLowerCase(Locale.ROOT) + u.substring(hostEnd);
    }

    static String safe(String target) {
        return target.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
