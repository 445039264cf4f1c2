package dev.handoff.classify.embedding;

import dev.handoff.error.HandoffException;

/** A value the embedded classifier refuses, with where it is inside {@code classifier.embedding} (for validate). */
final class EmbeddingOptionException extends HandoffException {

    static final String HINT = "see docs/classifiers.md for the options of the embedded classifier";
    final String field;
    final String what;

    EmbeddingOptionException(String message, String field, String what) {
        super(Kind.USAGE, message, HINT);
        this.field = field;
        this.what = what;
    }
}
