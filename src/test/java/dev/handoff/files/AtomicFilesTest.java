package dev.handoff.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void newFilesAreReadableByAllAndReplacedFilesKeepTheirMode() throws IOException {
        Path report = dir.resolve("report.md");
        AtomicFiles.write(report, "one");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-r--r--");

        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(report, "two");
        assertThat(Files.readString(report)).isEqualTo("two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-rw----");
    }

    @Test
    void ownerOnlyWhenAskedFor() throws IOException {
        Path backup = dir.resolve("backup.yaml");
        AtomicFiles.write(backup, "x".getBytes(), AtomicFiles.OWNER_ONLY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("config.yaml");
        AtomicFiles.write(file, "original");
        assertThatThrownBy(() -> AtomicFiles.writeStreaming(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("original");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.yaml");
        }
    }

    @Test
    void aSymbolicLinkStaysALinkAndTheFileItPointsToIsReplaced() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path real = shared.resolve("support.yaml");
        Files.writeString(real, "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw----"));
        Path link = Files.createDirectories(dir.resolve("repo")).resolve("support.yaml");
        Files.createSymbolicLink(link, Path.of("../shared/support.yaml")); // relative, as links in a repository are
        Path chained = dir.resolve("repo/again.yaml");
        Files.createSymbolicLink(chained, link);

        AtomicFiles.write(link, "new");
        AtomicFiles.write(chained, "newer");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isSymbolicLink(chained)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("newer");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-rw----");
        try (var left = Files.list(dir.resolve("repo"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("support.yaml", "again.yaml");
        }
    }

    @Test
    void aLinkToAFileNotThereYetCreatesItWhereTheLinkPoints() throws IOException {
        Path real = Files.createDirectories(dir.resolve("shared")).resolve("new.yaml");
        Path link = dir.resolve("new.yaml");
        Files.createSymbolicLink(link, real);

        AtomicFiles.write(link, "created");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("created");
    }

    @Test
    void aLinkIntoAFolderThatDoesNotExistIsRefusedNotMadeThere() throws IOException {
        Path link = dir.resolve("dangling.yaml");
        Path nowhere = dir.resolve("no/such/folder/file.yaml");
        Files.createSymbolicLink(link, nowhere);

        assertThatThrownBy(() -> AtomicFiles.write(link, "x")).isInstanceOf(java.nio.file.FileSystemException.class)
                .hasMessageContaining("in a folder that does not exist");
        assertThat(dir.resolve("no")).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aFolderInThePlaceOfTheFileIsNamedAndKept() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("config.yaml"));
        assertThatThrownBy(() -> AtomicFiles.write(folder, "x"))
                .isInstanceOf(java.nio.file.FileSystemException.class)
                .hasMessage(folder.toAbsolutePath() + ": is a folder");
        assertThat(folder).isEmptyDirectory();
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(folder);
        }
    }

    /** A file whose temporary file cannot be created beside it, even by root: its name would be longer than 255 bytes. */
    private Path longNamed() throws IOException {
        return Files.writeString(dir.resolve("x".repeat(240) + ".yaml"), "kept");
    }

    @Test
    void aTemporaryFileThatCannotBeCreatedIsNamedAfterTheFileNeverTheTemporaryOne() throws IOException {
        Path file = longNamed();
        Path link = Files.createSymbolicLink(dir.resolve("config.yaml"), file.getFileName());

        assertThatThrownBy(() -> AtomicFiles.write(link, "new"))
                .isInstanceOf(java.nio.file.FileSystemException.class)
                .hasMessageStartingWith(link.toAbsolutePath() + ": cannot create a temporary file beside it in " + dir.toAbsolutePath())
                .hasMessageContaining("(file name too long)")
                .hasMessageNotContaining(".tmp");
        assertThatThrownBy(() -> AtomicFiles.checkReplaceable(link))
                .hasMessageStartingWith(link.toAbsolutePath() + ": cannot create a temporary file beside it");
        assertThat(Files.readString(file)).isEqualTo("kept");
        try (var left = Files.list(dir)) {
            assertThat(left).hasSize(2);
        }
    }

    @Test
    void checkReplaceableSaysWhatTheWriteWouldMeetAndLeavesNothingBehind() throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), "kept");
        AtomicFiles.checkReplaceable(file);
        AtomicFiles.checkReplaceable(dir.resolve("new/deeper/config.yaml"));
        try (var left = Files.list(dir)) {
            assertThat(left).as("no probe left, no folder made").containsExactly(file);
        }
        assertThatThrownBy(() -> AtomicFiles.checkReplaceable(file.resolve("below.yaml")))
                .hasMessage(file.resolve("below.yaml").toAbsolutePath() + ": a part of the path is a file, not a folder");
        assertThatThrownBy(() -> AtomicFiles.checkReplaceable(dir)).hasMessage(dir.toAbsolutePath() + ": is a folder");
    }

    @Test
    void aReadOnlyFileIsNamedAsSuchBeforeATemporaryFileIsMade() throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), "kept");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(file), "root may write any file, and replaces it as before");

        assertThatThrownBy(() -> AtomicFiles.write(file, "new"))
                .hasMessage(file.toAbsolutePath() + ": read-only (mode r--r--r--); make it writable (chmod u+w) to let handoff replace it");
        assertThatThrownBy(() -> AtomicFiles.checkReplaceable(file)).hasMessageContaining(": read-only (mode r--r--r--)");
        assertThat(Files.readString(file)).isEqualTo("kept");
    }

    private Path temporary(String name, java.time.Duration age) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "half a file");
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(age)));
        return p;
    }

    private static long finishedProcessId() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aWriteRemovesTheTemporaryFilesThatKilledWritersLeftOfTheSameFileOnly() throws Exception {
        // kill -9 during a write leaves .NAME.<pid>.<n>.tmp, which nothing else would remove
        java.time.Duration twoDays = java.time.Duration.ofDays(2);
        Path killed = temporary(".out.jsonl." + finishedProcessId() + ".4242.tmp", twoDays);
        Path olderVersion = temporary(".out.jsonl.4242.tmp", twoDays);
        Path young = temporary(".out.jsonl." + finishedProcessId() + ".77.tmp", java.time.Duration.ofHours(1));
        Path live = temporary(".out.jsonl." + ProcessHandle.current().pid() + ".88.tmp", twoDays);
        Path otherTarget = temporary(".other.jsonl." + finishedProcessId() + ".99.tmp", twoDays);
        Path notOurs = temporary(".out.jsonl.draft.tmp", twoDays);

        AtomicFiles.write(dir.resolve("out.jsonl"), "new");

        assertThat(killed).doesNotExist();
        assertThat(olderVersion).as("named before the pid was in the name").doesNotExist();
        assertThat(young).as("a day may pass before a writer writes again").exists();
        assertThat(live).as("this process is running").exists();
        assertThat(otherTarget).exists();
        assertThat(notOurs).exists();
        assertThat(Files.readString(dir.resolve("out.jsonl"))).isEqualTo("new");
    }

    @Test
    void aTemporaryFileItsWriterStillLocksIsLeftHoweverOld() throws Exception {
        Path locked = temporary(".out.jsonl." + finishedProcessId() + ".5.tmp", java.time.Duration.ofDays(3));
        try (var channel = java.nio.channels.FileChannel.open(locked, java.nio.file.StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            AtomicFiles.write(dir.resolve("out.jsonl"), "new");
            assertThat(locked).as("a writer holds its lock while it writes").exists();
        }
    }

    @Test
    void theTemporaryFileNamesItsProcessAndIsLockedWhileWritten() throws IOException {
        Path target = dir.resolve("big.jsonl");
        AtomicFiles.writeStreaming(target, out -> {
            try (var files = Files.list(dir)) {
                Path tmp = files.filter(p -> p.getFileName().toString().startsWith(".big.jsonl.")).findFirst().orElseThrow();
                assertThat(tmp.getFileName().toString()).startsWith(".big.jsonl." + ProcessHandle.current().pid() + ".").endsWith(".tmp");
                try (var probe = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    assertThatThrownBy(probe::tryLock).as("this process holds it")
                            .isInstanceOf(java.nio.channels.OverlappingFileLockException.class);
                }
            }
            out.write("x".getBytes());
        });
        assertThat(Files.readString(target)).isEqualTo("x");
    }
}
