package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.diff.Change;
import dev.handoff.diff.DiffRenderer;
import dev.handoff.diff.DiffResult;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.diff.SecretComparator;
import dev.handoff.diff.SecretFields;
import dev.handoff.error.HandoffException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code handoff diff OLD NEW}: two local files of one provider, offline. It is how a caty file
 * (no API) is reviewed, and how any two versions of a file compare without a remote. Secrets
 * are compared as written (the same placeholder, or the same value in clear) and never resolved or shown.
 */
public final class LocalDiff {

    private LocalDiff() {
    }

    /** @return 0 when the files mean the same, 1 when they differ */
    public static int run(Path workDir, Path oldFile, Path newFile, boolean json, boolean color, PrintWriter out) {
        LocalConfig before = read(workDir, oldFile);
        LocalConfig after = read(workDir, newFile);
        if (before.provider() != after.provider()) {
            throw HandoffException.usage(oldFile + " is a " + before.provider().id() + " configuration and " + newFile + " a "
                    + after.provider().id() + " one", "compare two files of the same provider");
        }
        DiffResult result = DocumentDiff.compare(before.provider(), before.document(), after.document(),
                between(CanonicalForm.canonicalize(before.provider(), before.document())));
        if (json) {
            ObjectNode root = DiffRenderer.json(result);
            root.put("old", oldFile.toString());
            root.put("new", newFile.toString());
            out.println(DiffOperation.pretty(root));
        } else {
            out.print(DiffRenderer.filesText(result, color));
        }
        out.flush();
        return result.hasChanges() ? 1 : 0;
    }

    /**
     * Secrets of two files, compared without resolving anything: the same placeholder is the same
     * secret, two values in clear are compared (never shown); anything else cannot be told.
     */
    private static SecretComparator between(JsonNode oldCanonical) {
        return (pointer, newValue) -> {
            JsonNode oldValue = oldCanonical.at(pointer);
            String oldVariable = SecretFields.variable(oldValue);
            String newVariable = SecretFields.variable(newValue);
            if (oldVariable != null && newVariable != null) {
                return oldVariable.equals(newVariable) ? Change.SecretState.UNCHANGED : Change.SecretState.NOT_COMPARED;
            }
            if (oldVariable == null && newVariable == null) {
                return DocumentDiff.same(oldValue, newValue) ? Change.SecretState.UNCHANGED : Change.SecretState.CHANGED;
            }
            return Change.SecretState.NOT_COMPARED;
        };
    }

    private static LocalConfig read(Path workDir, Path file) {
        Path resolved = workDir.resolve(file);
        if (Files.isDirectory(resolved)) {
            throw HandoffException.usage(file + " is a directory", "name a configuration file, e.g. guidelines/caty-support.yaml");
        }
        if (!Files.exists(resolved)) {
            throw HandoffException.usage(file + ": no such file", "check the path");
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".eval.yaml") || name.endsWith(".eval.yml")) {
            // its keys fit no provider: "add x-handoff: {provider: quickchat}" would be wrong advice
            throw HandoffException.usage(file + ": this is an evaluation settings file (NAME.eval.yaml), not a configuration;"
                    + " diff compares two quickchat, plugit or caty configurations",
                    "check it with 'handoff validate " + file + "', or compare two versions with git diff");
        }
        return LocalConfig.read(resolved, file); // named as given; a pipe is read up to the size limit
    }
}
