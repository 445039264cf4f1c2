package dev.handoff.config;

import java.util.List;

/**
 * The "after N failed attempts" trigger: hand off at the user turn where the count of failed
 * attempts so far reaches {@code after}. A user turn failed when the bot answered it with one of
 * its fallback replies ({@code countFallbacks}) or when the user's next message repeats it
 * ({@code countRepeats}); one turn counts once even when both happened.
 *
 * @param fallbackPhrases the bot's own fallback replies, matched like keywords (whole phrases,
 *                        ignoring case, accents and the kind of apostrophe)
 */
public record FailedAttempts(int after, boolean countFallbacks, boolean countRepeats, List<String> fallbackPhrases) {

    public static final String NAME = "failed_attempts";

    /** Fallback replies common to chatbot platforms, used when the evaluation settings list none. */
    public static final List<String> DEFAULT_FALLBACK_PHRASES = List.of(
            "I didn't understand",
            "I did not understand",
            "I don't understand",
            "I didn't get that",
            "I didn't catch that",
            "I'm not sure I understand",
            "I am not sure I understand",
            "I'm not sure what you mean",
            "could you rephrase",
            "can you rephrase",
            "please rephrase",
            "could you say that another way",
            "can you say that differently",
            "I'm not sure how to help with that",
            "I can't help with that",
            "I don't have an answer to that",
            "I don't know the answer to that");

    public FailedAttempts {
        if (after < 1) {
            throw new IllegalArgumentException("failed attempts must be at least 1, not " + after);
        }
        fallbackPhrases = List.copyOf(fallbackPhrases);
    }

    /** A one-line description for reports and classifier prompts. */
    public String describe() {
        String what = countFallbacks && countRepeats ? "fallback replies of the bot or the user repeating a request"
                : countFallbacks ? "fallback replies of the bot" : "the user repeating a request";
        return "hand off after " + after + " failed " + (after == 1 ? "attempt" : "attempts") + " (" + what + ")";
    }
}
