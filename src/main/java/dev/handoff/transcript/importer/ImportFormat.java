package dev.handoff.transcript.importer;

import java.util.Locale;

/** The export layouts {@code handoff transcripts import} understands. */
public enum ImportFormat {
    /** Delimited text with a header: one utterance per row, or rows grouped into conversations. */
    CSV,
    /** CLINC150 JSON: {@code {"split": [[text, intent], ...], ...}}. */
    CLINC,
    /** User Satisfaction Simulation (SGD): {@code ROLE<TAB>text<TAB>action<TAB>ratings}, blank line between dialogues. */
    USS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
