package dev.handoff.remote;

import dev.handoff.config.Target;
import dev.handoff.error.HandoffException;
import dev.handoff.secret.Redactor;
import okhttp3.HttpUrl;

/** Opens the remote of a target. */
public final class Remotes {

    private Remotes() {
    }

    public static ConfigRemote open(Target target, Token token, HttpSettings settings, String userAgent, Redactor redactor) {
        HttpUrl base = HttpUrl.parse(target.baseUrl());
        if (base == null) {
            throw HandoffException.usage("target '" + target.name() + "': url '" + target.baseUrl() + "' is not an http(s) URL",
                    "set targets." + target.name() + ".url in handoff.yaml (or pass --api-url), e.g. https://app.quickchat.ai");
        }
        ApiClient api = new ApiClient(settings, token, target.name(), userAgent, redactor);
        return switch (target.provider()) {
            case QUICKCHAT -> new QuickchatRemote(api, base);
            case PLUGIT -> new PlugitRemote(api, base, target.agentId());
        };
    }
}
