package dev.handoff.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A write to the file that fails (a full disk) names the file: with three reports written by one run, "no space
 * left on device" alone did not say which one failed. Errors of the content itself (reading an input) pass as they are.
 */
final class NamedWriteErrors extends java.io.FilterOutputStream {
    private final Path file;

    NamedWriteErrors(OutputStream out, Path file) {
        super(out);
        this.file = file;
    }

    static IOException named(Path file, IOException e) {
        return (IOException) new java.nio.file.FileSystemException(file.toString(), null, IoMessages.reason(e)).initCause(e);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw named(file, e);
        }
    }
}
