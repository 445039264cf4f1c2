package dev.handoff.transcript.importer;

/** What to do with a row whose label is not named in {@code --map}. */
public enum UnmappedPolicy {
    /** Keep it as a negative: {@code expect.handoff: false}. The usual case: everything else is "no handoff". */
    NEGATIVE,
    /** Leave the row (or its whole conversation) out. */
    SKIP,
    /** Stop with an error naming the file, line and column: every label must be mapped. */
    ERROR
}
