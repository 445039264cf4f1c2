package dev.handoff.classify.embedding;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX Runtime copies its native libraries into a new {@code onnxruntime-java*} folder under the
 * temporary directory and asks the JVM to delete the folder and the files at exit, the folder first:
 * it is not empty then, so every run left one folder behind (hundreds on a CI runner that keeps
 * /tmp). Once the libraries are loaded their files are no longer needed where the system allows
 * removing a loaded library, so the folder is removed right away.
 */
final class OnnxTempFolder {

    private OnnxTempFolder() {
    }

    /** The folder of this process's copies, or null when the runtime keeps it elsewhere or hides it. */
    static Path ofThisProcess() {
        try {
            var field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            return field.get(null) instanceof Path p ? p : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Removes the copies and their folder; leaves them (and says nothing) where the system refuses. */
    static void remove() {
        Path folder = ofThisProcess();
        if (folder == null || !Files.isDirectory(folder) || System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // the exit hook still deletes what it can
        }
    }
}
