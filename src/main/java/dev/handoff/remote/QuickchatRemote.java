package dev.handoff.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.error.HandoffException;
import okhttp3.HttpUrl;

/** Quickchat: one document at {@code {base}/v1/api/human_handoff/configuration}, GET and PUT. */
public final class QuickchatRemote implements ConfigRemote {

    static final String PATH = "v1/api/human_handoff/configuration";

    private final ApiClient api;
    private final HttpUrl url;
    private final String notFoundHint;

    public QuickchatRemote(ApiClient api, HttpUrl base) {
        this.api = api;
        this.url = base.newBuilder().addPathSegments(PATH).build();
        this.notFoundHint = "check the target's url in handoff.yaml (or --api-url): it is the API base, e.g. https://app.quickchat.ai, "
                + "and " + PATH + " is added to it";
    }

    @Override
    public Provider provider() {
        return Provider.QUICKCHAT;
    }

    @Override
    public String location() {
        return url.toString();
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public Read fetch() {
        ApiCall call = ApiCall.get(url, notFoundHint);
        ApiResponse response = api.send(call);
        JsonNode doc = response.json("the handoff configuration");
        if (!doc.isObject() || !doc.path("settings").isObject()) {
            throw HandoffException.remote(call + ": the response is JSON but not a handoff configuration (no 'settings' object)",
                    notFoundHint, null);
        }
        return new Read((ObjectNode) doc, response.etag());
    }

    @Override
    public WriteOutcome write(ObjectNode document, String baseVersion, String etag, String createKey,
                              java.util.function.Consumer<ApiCall> beforeResend) {
        // PUT is idempotent in HTTP terms, but a retry after the server applied it could overwrite a
        // change someone made in between; ApiCall without a key is therefore never retried once sent
        ApiCall call = new ApiCall("PUT", url, ApiClient.toJson(document), null, notFoundHint).ifMatch(etag);
        JsonNode answer = api.send(call, beforeResend).jsonOrNull();
        boolean isDocument = answer != null && answer.isObject() && answer.path("settings").isObject();
        return new WriteOutcome("PUT", url.toString(), null, isDocument ? (ObjectNode) answer : null, null);
    }

    @Override
    public ConfigRemote after(WriteOutcome outcome) {
        return this;
    }
}
