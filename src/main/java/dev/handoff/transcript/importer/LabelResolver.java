package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.transcript.Expectation;

import java.util.List;

/** Applies {@code --default-label} and the {@code --unmapped} policy to raw label cells. */
final class LabelResolver {

    /** What one labelled (or unlabelled) record means for the transcript. */
    sealed interface Verdict {
        record Unlabelled() implements Verdict {
        }

        record Negative(String label) implements Verdict {
        }

        record Handoff(String label, List<String> criteria) implements Verdict {
        }

        /**
         * Leave the record out: its label is in {@code --skip-label}, or the {@code skip} policy met an unmapped label.
         *
         * @param why how the summary counts it, e.g. "rows with an unmapped label" once the noun is added
         */
        record Skip(String label, String why) implements Verdict {
        }

        /** The label as it was in the export (after {@code --default-label}), or null. */
        default String label() {
            if (this instanceof Negative n) {
                return n.label();
            }
            if (this instanceof Handoff h) {
                return h.label();
            }
            return this instanceof Skip s ? s.label() : null;
        }

        /** The expectation of a one-message transcript with this label; null when unlabelled. */
        default Expectation expectation() {
            if (this instanceof Handoff h) {
                return new Expectation(true, h.criteria(), null, null);
            }
            return this instanceof Negative ? new Expectation(false, List.of(), null, null) : null;
        }
    }

    private final ImportRequest.LabelRules rules;
    private final java.util.Set<String> skipped;

    LabelResolver(ImportRequest.LabelRules rules) {
        this.rules = rules;
        this.skipped = rules.skipLabels().stream().map(l -> l.trim().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** @param raw the label cell, or null when there is no label column */
    Verdict resolve(String raw, SourceLocation where) {
        String label = raw == null ? "" : raw.trim();
        if (label.isEmpty()) {
            if (rules.defaultLabel() == null) {
                return new Verdict.Unlabelled();
            }
            label = rules.defaultLabel();
        }
        if (skipped.contains(label.toLowerCase(java.util.Locale.ROOT))) {
            return new Verdict.Skip(label, "a label in --skip-label");
        }
        LabelMapping.Outcome outcome = rules.mapping().resolve(label);
        if (outcome instanceof LabelMapping.Outcome.Handoff h) {
            return new Verdict.Handoff(label, h.criteria());
        }
        if (outcome instanceof LabelMapping.Outcome.NoHandoff) {
            return new Verdict.Negative(label);
        }
        return switch (rules.unmapped()) {
            case NEGATIVE -> new Verdict.Negative(label);
            case SKIP -> new Verdict.Skip(label, "an unmapped label");
            case ERROR -> throw HandoffException.usage(where + ": label '" + label + "' is not in --map",
                    "map it (--map '" + label + "=criterion', or '" + label + "=-' for no handoff), or use --unmapped negative|skip");
        };
    }
}
