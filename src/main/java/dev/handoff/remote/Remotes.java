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
        requireUrl(target);
        HttpUrl base = HttpUrl.parse(target.baseUrl());
        if (base != null && (!base.username().isEmpty() || !base.password().isEmpty() || base.query() != null || base.fragment() != null)) {
            // --api-url: printed in every log line and message, so no credentials, query or fragment (#access_token=) in it
            throw HandoffException.usage("target '" + target.name() + "': the url carries a user name, password, query string or fragment",
                    "pass the API's address alone (--api-url or targets." + target.name() + ".url); the token goes in its variable");
        }
        if (base == null) {
            throw HandoffException.usage("target '" + target.name() + "': url '" + target.baseUrl() + "' is not an http(s) URL",
                    "set targets." + target.name() + ".url in handoff.yaml (or pass --api-url), e.g. https://app.quickchat.ai");
        }
        ApiClient api = new ApiClient(settings, token, target.name(), userAgent, redactor);
        return switch (target.provider()) {
            case QUICKCHAT -> new QuickchatRemote(api, base);
            case PLUGIT -> new PlugitRemote(api, base, target.agentId());
            case CATY -> throw noApi(target.name());
        };
    }

    /** A target with an API needs its address: said before its token is looked for. */
    public static void requireUrl(Target target) {
        if (target.provider().hasRemote() && (target.baseUrl() == null || target.baseUrl().isBlank())) {
            throw HandoffException.usage("target '" + target.name() + "' has no url in handoff.yaml",
                    "set targets." + target.name() + ".url (or pass --api-url), e.g. https://app.quickchat.ai");
        }
    }

    /** Caty documents no API: its file is pasted into the dashboard, so there is nothing to fetch from or push to. */
    public static HandoffException noApi(String target) {
        return HandoffException.usage("target '" + target + "' is a caty configuration, and Caty documents no API to fetch from or push to",
                "the file is the source of truth: paste it into Settings -> Human Handoff; 'handoff validate', "
                        + "'handoff diff OLD.yaml NEW.yaml' and 'handoff replay' work on it offline");
    }
}
