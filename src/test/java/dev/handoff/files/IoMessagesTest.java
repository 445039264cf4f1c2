package dev.handoff.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IoMessagesTest {

    @TempDir
    Path tmp;

    @Test
    void aFileWhereAFolderShouldBeIsSaidSo() throws IOException {
        // XDG_STATE_HOME pointing at a file said "already exists"
        Path file = Files.writeString(tmp.resolve("state"), "");
        var e = catchThrowableOfType(IOException.class, () -> Files.createDirectories(file));
        assertThat(IoMessages.plain(e)).isEqualTo(file + ": already exists, as a file, not a folder");
        var below = catchThrowableOfType(IOException.class, () -> Files.createDirectories(file.resolve("backups")));
        assertThat(IoMessages.plain(below)).isEqualTo(file.resolve("backups") + ": a part of the path is a file, not a folder");
        Path dir = Files.createDirectories(tmp.resolve("d"));
        var exists = catchThrowableOfType(IOException.class, () -> Files.createDirectory(dir));
        assertThat(IoMessages.plain(exists)).isEqualTo(dir + ": already exists");
    }
}
