package dev.handoff.classify;

import java.util.Map;
import java.util.Set;

/** What a classifier said about one turn. Invalid output is its own case, never a silent "no". */
public sealed interface Verdict permits Verdict.Decision, Verdict.Invalid, Verdict.Unrecorded {

    /**
     * @param fired     the criteria that fire at this turn; empty means no handoff
     * @param route     the routing profile picked, or null (none active, none matched, no handoff)
     * @param rationale one line, for reports; may be empty
     * @param scores    per-criterion scores when the classifier has them (used by {@code --sweep}), else empty
     */
    record Decision(Set<String> fired, String route, String rationale, Map<String, Double> scores) implements Verdict {
        public static Decision none() {
            return new Decision(Set.of(), null, "", Map.of());
        }
    }

    /** The classifier answered something that does not fit its contract (e.g. breaks the JSON schema). */
    record Invalid(String reason, String raw) implements Verdict {
    }

    /**
     * The classifier has no answer of its own for this turn: a recorded replay found no verdict for
     * the current prompt. Never read as "nothing fired" and never decided by another classifier.
     */
    record Unrecorded(String key) implements Verdict {
    }
}
