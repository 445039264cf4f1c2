package dev.handoff.classify.recorded;

import dev.handoff.classify.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of a verdict file: what an LLM answered to one question (the exact messages of one
 * user turn, identified by their key).
 *
 * @param key       lower-case hex SHA-256 of the messages ({@code PromptMessages.key()})
 * @param prompt    the first 12 hex digits of the SHA-256 of the system message: equal for every
 *                  turn asked with the same criteria wording, so a reader can tell "recorded for
 *                  another wording" from "never recorded"
 * @param criteria  the criteria that fired, sorted; empty when none did
 * @param route     the routing profile picked, or null
 * @param rationale the model's one line, may be empty
 * @param invalid   null for a decision; else why the model's reply broke the schema (then
 *                  criteria is empty and route null)
 * @param provider  the classifier that answered: "ollama", "openai"
 * @param model     the model name
 * @param digest    the model's digest where the server gives one, else null
 * @param date      UTC day the verdict was first recorded (yyyy-MM-dd); kept while the verdict is unchanged
 */
public record RecordedVerdict(String key, String prompt, List<String> criteria, String route, String rationale,
                              String invalid, String provider, String model, String digest, String date) {

    public RecordedVerdict {
        criteria = List.copyOf(criteria);
        rationale = rationale == null ? "" : rationale;
    }

    /** The verdict a replay uses. */
    public Verdict verdict() {
        if (invalid != null) {
            return new Verdict.Invalid(invalid, "");
        }
        return new Verdict.Decision(Set.copyOf(criteria), route, rationale, Map.of());
    }

    /** Same answer from the same model: re-recording it keeps the line (and its date) as it is. */
    public boolean sameAnswer(RecordedVerdict o) {
        return key.equals(o.key) && criteria.equals(o.criteria) && java.util.Objects.equals(route, o.route)
                && rationale.equals(o.rationale) && java.util.Objects.equals(invalid, o.invalid)
                && java.util.Objects.equals(provider, o.provider) && java.util.Objects.equals(model, o.model)
                && java.util.Objects.equals(digest, o.digest);
    }
}
