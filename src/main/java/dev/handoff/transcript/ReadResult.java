package dev.handoff.transcript;

/**
 * One item of a transcript stream: a transcript, or a transcript that could not be read. The
 * ordinal is its position among all items of the stream (0-based), the same for every shard.
 */
public sealed interface ReadResult permits ReadResult.Read, ReadResult.Bad {

    long ordinal();

    record Read(long ordinal, Transcript transcript) implements ReadResult {
    }

    record Bad(long ordinal, TranscriptProblem problem) implements ReadResult {
    }
}
