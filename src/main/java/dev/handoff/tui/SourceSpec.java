package dev.handoff.tui;

import dev.handoff.error.HandoffException;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Which queue to follow, as given on the command line: {@code --inbox URL} or
 * {@code --chatwoot URL --account N}, the token's environment variable and the poll interval.
 */
public record SourceSpec(String inboxUrl, String chatwootUrl, Long account, String tokenEnv, Duration poll) {

    public static final String INBOX_TOKEN_ENV = "HANDOFF_INBOX_TOKEN";
    public static final String CHATWOOT_TOKEN_ENV = "CHATWOOT_API_TOKEN";

    public String tokenVariable() {
        if (tokenEnv != null && !tokenEnv.isBlank()) {
            return tokenEnv;
        }
        return inboxUrl != null ? INBOX_TOKEN_ENV : CHATWOOT_TOKEN_ENV;
    }

    /** Builds the source; the token is read here and kept only inside the source. */
    public QueueSource open(Function<String, String> env, Clock clock) {
        return open(env, clock, null);
    }

    /** @param requestLog with --verbose, one line per request and answer (never a header); null for none */
    public QueueSource open(Function<String, String> env, Clock clock, Consumer<String> requestLog) {
        if ((inboxUrl == null) == (chatwootUrl == null)) {
            throw HandoffException.usage("give exactly one source: --inbox URL or --chatwoot URL --account N",
                    "for example: handoff tail --inbox http://127.0.0.1:8080");
        }
        if (chatwootUrl != null && account == null) {
            throw HandoffException.usage("--chatwoot needs --account N (the Chatwoot account id)",
                    "the id is in the Chatwoot URL: /app/accounts/N/...");
        }
        if (inboxUrl == null && account != null && account <= 0) {
            throw HandoffException.usage("--account must be a positive number, not " + account, null);
        }
        if (poll != null && poll.toMillis() < 200) {
            throw HandoffException.usage("--poll must be at least 200ms", "for example --poll 5s");
        }
        String variable = tokenVariable();
        String token = env.apply(variable);
        if (token == null || token.isBlank()) {
            throw HandoffException.auth("no token: the environment variable " + variable + " is not set",
                    inboxUrl != null
                            ? "set " + variable + " to the inbox's operator token (or name another variable with --token-env)"
                            : "set " + variable + " to a Chatwoot access token (Profile settings > Access token)");
        }
        if (inboxUrl != null) {
            return new InboxSource(inboxUrl, token, variable, clock, InboxSource.FIRST_RETRY, InboxSource.STREAM_READ_TIMEOUT, requestLog);
        }
        return new ChatwootSource(chatwootUrl, account, token, variable, poll == null ? Duration.ofSeconds(5) : poll, clock, requestLog);
    }
}
