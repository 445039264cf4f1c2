package dev.handoff.transcript;

import java.nio.file.Path;

/** Package-private parts of {@link TranscriptFiles} for the command tests. */
public final class TranscriptFilesAccess {

    private TranscriptFilesAccess() {
    }

    public static boolean isStdin(Path input) {
        return TranscriptFiles.isStdin(input);
    }
}
