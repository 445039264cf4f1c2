package dev.handoff.files;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedWriteErrorsTest {

    /** What a full disk does to a write: an IOException that names no file. */
    private static final OutputStream FULL = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }
    };

    @Test
    void aFullDiskNamesTheFileBeingWritten() {
        var out = new NamedWriteErrors(FULL, Path.of("reports/junit.xml"));
        assertThatThrownBy(() -> out.write("x".getBytes(), 0, 1))
                .isInstanceOf(java.nio.file.FileSystemException.class)
                .satisfies(e -> assertThat(IoMessages.plain((IOException) e)).isEqualTo("reports/junit.xml: no space left on device"));
    }

    @Test
    void anErrorOfTheContentItselfPassesUnchanged() {
        // the content's own read failure (an input file) is not this file's
        IOException input = new IOException("input.csv: stream closed");
        AtomicFiles.StreamContent failing = o -> {
            throw input;
        };
        assertThatThrownBy(() -> AtomicFiles.writeStreaming(Path.of(System.getProperty("java.io.tmpdir"), "nwe-" + System.nanoTime()), failing))
                .isSameAs(input);
    }
}
