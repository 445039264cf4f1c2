package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@code classifier.<id>} block of an evaluation settings file, checked by the classifier that
 * reads it, so {@code validate} refuses exactly what {@code replay} would. Classifiers register one
 * with {@link ServiceLoader} (this package cannot depend on them).
 */
public interface ClassifierSettingsCheck {

    /** The classifier's id, and the key of its block under {@code classifier:}. */
    String classifier();

    /**
     * The first problem in the block, or null when the classifier accepts it.
     *
     * @param block the value of {@code classifier.<id>}
     * @param file  the evaluation settings file (relative paths in the block are read from its folder)
     */
    Problem check(JsonNode block, Path file);

    /**
     * The keys the classifier reads: under {@code ""} those of the block itself, under any other name
     * those of every entry of that mapping in the block ({@code "criteria"}: each criterion's entry).
     * Any other key gets an "unknown key" warning with a did-you-mean, at its line and column: a
     * misspelt option is otherwise silently ignored. Empty: the block's keys are not checked.
     */
    default java.util.Map<String, List<String>> keys() {
        return java.util.Map.of();
    }

    /** What is wrong, at a dotted field path inside the block ("" for the block itself); a warning does not fail validate. */
    record Problem(String field, String message, String hint, boolean warning) {

        public Problem(String field, String message, String hint) {
            this(field, message, hint, false);
        }
    }

    static List<ClassifierSettingsCheck> registered() {
        return ServiceLoader.load(ClassifierSettingsCheck.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
