package dev.handoff.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.error.HandoffException;
import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Plugit: an agent document. The vendor documents {@code POST /v2/agents} (create) and
 * {@code PATCH /v2/agents} with {@code id} in the body (update), both with an
 * {@code Idempotency-Key}. Reading is not documented; this reads {@code GET /v2/agents/{id}}
 * (docs/decisions.md) and accepts the agent bare or wrapped in {@code agent} or {@code data}.
 */
public final class PlugitRemote implements ConfigRemote {

    static final String AGENTS = "v2/agents";

    private final ApiClient api;
    private final HttpUrl base;
    private final String agentId;
    private final String notFoundHint;
    /** Random, one per run: part of an update's Idempotency-Key (see {@link #write}). */
    private final byte[] runNonce;

    public PlugitRemote(ApiClient api, HttpUrl base, String agentId) {
        this(api, base, agentId, newNonce());
    }

    private PlugitRemote(ApiClient api, HttpUrl base, String agentId, byte[] runNonce) {
        this.api = api;
        this.base = base;
        this.agentId = agentId;
        this.runNonce = runNonce;
        this.notFoundHint = "check the target's url (the API base, e.g. https://api.plugit.chat) and agent_id in handoff.yaml";
    }

    @Override
    public Provider provider() {
        return Provider.PLUGIT;
    }

    public String agentId() {
        return agentId;
    }

    @Override
    public String location() {
        return (agentId == null ? agents() : agent(agentId)).toString();
    }

    @Override
    public boolean exists() {
        return agentId != null;
    }

    @Override
    public Read fetch() {
        if (agentId == null) {
            throw HandoffException.usage("the Plugit target has no agent_id, so there is no agent to read",
                    "add agent_id to the target in handoff.yaml, or run 'handoff push' to create the agent");
        }
        ApiCall call = ApiCall.get(agent(agentId), notFoundHint);
        ApiResponse response = api.send(call);
        JsonNode doc = unwrap(response.json("the agent document"));
        if (doc == null) {
            throw HandoffException.remote(call + ": the response is JSON but not an agent (no 'id', 'title' or 'categories')",
                    notFoundHint, null);
        }
        return new Read((ObjectNode) doc, response.etag());
    }

    @Override
    public WriteOutcome write(ObjectNode document, String baseVersion, String etag, String createKey,
                              java.util.function.Consumer<ApiCall> beforeResend) {
        ObjectNode body = document.objectNode();
        if (agentId != null) {
            body.put("id", agentId);
        }
        document.properties().forEach(e -> {
            if (!e.getKey().equals("id")) {
                body.set(e.getKey(), e.getValue());
            }
        });
        // create: a random key the caller keeps (state folder) until the agent's id is recorded, so that a create whose
        // answer was lost is sent again with it, and answered with the first agent, only from this machine and target and
        // for the same body; two targets created from one template, or an agent created again after it was deleted, get
        // keys of their own. Update: a key of its own per run, retries inside the run reusing it, so that pushing content
        // the remote had once before (push, restore, push again; a colleague undoing a change) is never answered with the
        // earlier request's reply
        if (agentId == null && createKey == null) {
            throw new IllegalArgumentException("a create needs its Idempotency-Key");
        }
        String key = agentId == null ? createKey : idempotencyKey(body, baseVersion, runNonce);
        String method = agentId == null ? "POST" : "PATCH";
        ApiCall call = new ApiCall(method, agents(), ApiClient.toJson(body), key, notFoundHint).ifMatch(agentId == null ? null : etag);
        // a create has no remote to recheck: its key is what keeps a resend from making a second agent
        ApiResponse response = api.send(call, agentId == null ? null : beforeResend);
        if (agentId != null) {
            JsonNode answer = response.jsonOrNull();
            JsonNode agent = answer == null ? null : unwrap(answer);
            return new WriteOutcome(method, call.url().toString(), null,
                    agent != null && agentId.equals(agent.path("id").asText(null)) ? (ObjectNode) agent : null, key);
        }
        JsonNode created = unwrap(response.json("the created agent"));
        if (created == null || !created.hasNonNull("id")) {
            throw HandoffException.remote(call + ": answered without an agent's id, so whether an agent was created is unknown",
                    "look for it in Plugit: if it is there, add its id as agent_id in handoff.yaml; if not, push again from this machine"
                            + " (it sends the same Idempotency-Key, so a server that made the agent answers with it)", null);
        }
        return new WriteOutcome(method, call.url().toString(), created.get("id").asText(), (ObjectNode) created, key);
    }

    @Override
    public ConfigRemote after(WriteOutcome outcome) {
        return outcome.createdId() == null ? this : new PlugitRemote(api, base, outcome.createdId(), runNonce);
    }

    /** A new random key for a create (POST): {@code handoff-} and 64 hex digits, as an update's. */
    public static String newCreateKey() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return "handoff-" + HexFormat.of().formatHex(random);
    }

    /** An update's key: sha256 of the run's random part, the version the change was made against and the canonical body. */
    static String idempotencyKey(ObjectNode body, String baseVersion, byte[] runNonce) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(runNonce);
            sha.update((baseVersion == null ? "" : baseVersion).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(CanonicalForm.toJson(Provider.PLUGIT, body).getBytes(StandardCharsets.UTF_8));
            return "handoff-" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] newNonce() {
        byte[] nonce = new byte[16];
        new java.security.SecureRandom().nextBytes(nonce);
        return nonce;
    }

    private HttpUrl agents() {
        return base.newBuilder().addPathSegments(AGENTS).build();
    }

    private HttpUrl agent(String id) {
        return base.newBuilder().addPathSegments(AGENTS).addPathSegment(id).build();
    }

    /** The agent object, bare or inside {@code agent}/{@code data}; null when it is not one. */
    private static JsonNode unwrap(JsonNode json) {
        if (!json.isObject()) {
            return null;
        }
        if (looksLikeAgent(json)) {
            return json;
        }
        for (String wrapper : new String[]{"agent", "data"}) {
            JsonNode inner = json.get(wrapper);
            if (inner != null && inner.isObject() && looksLikeAgent(inner)) {
                return inner;
            }
        }
        return null;
    }

    private static boolean looksLikeAgent(JsonNode node) {
        JsonNode categories = node.get("categories");
        if (categories != null && !categories.isArray() && !categories.isNull()) {
            return false;
        }
        return categories != null || node.hasNonNull("id") && node.hasNonNull("title");
    }
}
