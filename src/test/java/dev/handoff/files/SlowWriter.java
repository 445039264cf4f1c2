package dev.handoff.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A process for {@link AtomicFilesSignalTest}: starts replacing a file, says so, and waits to be stopped. */
public final class SlowWriter {

    private SlowWriter() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.writeStreaming(Path.of(args[0]), out -> {
            out.write("half of the new content".getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
