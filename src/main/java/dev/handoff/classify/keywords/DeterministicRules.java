package dev.handoff.classify.keywords;

import dev.handoff.classify.TurnRequest;
import dev.handoff.config.Criterion;
import dev.handoff.config.FailedAttempts;
import dev.handoff.config.HandoffConfig;
import dev.handoff.transcript.Message;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rules replay applies whatever the classifier, for the user message of a turn:
 * {@code keywords} fires when it contains a configured keyword as a whole word or phrase, and
 * {@code media_message} fires when it carries media and that guideline is active. Earlier user
 * messages were already asked about at their own turns. {@code failed_attempts}, when the
 * configuration or its evaluation settings have it, counts across the turns so far
 * ({@link FailedAttemptsRule}).
 */
public final class DeterministicRules {

    private final KeywordMatcher keywords;
    private final boolean keywordsActive;
    private final boolean mediaActive;
    private final FailedAttemptsRule failedAttempts;

    public DeterministicRules(HandoffConfig config) {
        this.keywords = new KeywordMatcher(config.keywords());
        this.keywordsActive = !keywords.isEmpty() && config.criterion(Criterion.KEYWORDS).map(Criterion::active).orElse(true);
        this.mediaActive = config.criterion(Criterion.MEDIA_MESSAGE).map(c -> c.active() && c.deterministic()).orElse(false);
        boolean failedActive = config.failedAttempts() != null
                && config.criterion(FailedAttempts.NAME).map(Criterion::active).orElse(false);
        this.failedAttempts = failedActive ? new FailedAttemptsRule(config.failedAttempts()) : null;
    }

    /** The deterministic criteria that fire at this turn, in a fixed order. */
    public Set<String> fired(TurnRequest turn) {
        Message m = turn.message();
        Set<String> fired = new LinkedHashSet<>(3);
        if (keywordsActive && m.text() != null && keywords.matches(m.text())) {
            fired.add(Criterion.KEYWORDS);
        }
        if (mediaActive && m.hasMedia()) {
            fired.add(Criterion.MEDIA_MESSAGE);
        }
        if (failedAttempts != null && failedAttempts.fires(turn)) {
            fired.add(FailedAttempts.NAME);
        }
        return fired;
    }

    /** The keyword that made {@code keywords} fire, for reports; null when none. */
    public String matchedKeyword(String text) {
        return keywordsActive ? keywords.firstMatch(text) : null;
    }
}
