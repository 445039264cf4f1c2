package dev.handoff.classify.embedding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingCacheTest {

    @TempDir
    Path dir;

    private static EmbeddingCache cache() {
        return new EmbeddingCache(100, "model-x", 3);
    }

    private Path saved() throws IOException {
        EmbeddingCache c = cache();
        c.put("hello", new float[] {0.1f, 0.2f, 0.3f});
        c.put("world", new float[] {0.4f, 0.5f, 0.6f});
        Path file = dir.resolve("c.cache");
        c.save(file);
        return file;
    }

    @Test
    void whatIsSavedLoadsBackExactly() throws IOException {
        EmbeddingCache again = cache();
        again.load(saved());
        assertThat(again.loadedFromDisk()).isEqualTo(2);
        assertThat(again.get("world")).containsExactly(0.4f, 0.5f, 0.6f);
        // its keys are customers' messages
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("c.cache"))))
                .isEqualTo("rw-------");
    }

    @Test
    void anyChangedByteMakesTheWholeFileIgnored() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        for (int at : new int[] {bytes.length - 20, 20, bytes.length - 1}) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x40;
            Files.write(file, damaged);
            EmbeddingCache c = cache();
            c.load(file);
            assertThat(c.size()).as("byte %d flipped", at).isZero();
        }
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        EmbeddingCache truncated = cache();
        truncated.load(file);
        assertThat(truncated.size()).isZero();
    }

    /** A file with a valid checksum whose fields lie: sizes that would ask for gigabytes, another dimension, NaN. */
    @Test
    void aWellFormedFileWithImpossibleFieldsAddsNothingAndAsksForNoMemory() throws IOException {
        Path file = dir.resolve("lying.cache");
        for (int[] dimAndCount : new int[][] {{Integer.MAX_VALUE, 1}, {3, Integer.MAX_VALUE}, {200_000_000, 2}, {2, 1}, {3, -1}}) {
            Files.write(file, checked(dimAndCount[0], dimAndCount[1], 0.5f));
            EmbeddingCache c = cache();
            c.load(file);
            assertThat(c.size()).as("dimension %d, count %d", dimAndCount[0], dimAndCount[1]).isZero();
        }
        Files.write(file, checked(3, 1, Float.NaN));
        EmbeddingCache nan = cache();
        nan.load(file);
        assertThat(nan.size()).isZero();
        Files.write(file, checked(3, 1, 0.5f));
        EmbeddingCache good = cache();
        good.load(file);
        assertThat(good.size()).as("the same file with sound fields loads").isEqualTo(1);
    }

    @Test
    void aVectorOfAnotherLengthIsRefused() {
        assertThatThrownBy(() -> cache().put("x", new float[] {1f})).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] checked(int dim, int count, float value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x48454332);
            out.writeUTF("model-x");
            out.writeInt(dim);
            out.writeInt(count);
            out.writeUTF("k");
            for (int i = 0; i < 3; i++) {
                out.writeFloat(value);
            }
        }
        byte[] content = bytes.toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        byte[] withCrc = java.util.Arrays.copyOf(content, content.length + 8);
        java.nio.ByteBuffer.wrap(withCrc, content.length, 8).putLong(crc.getValue());
        return withCrc;
    }
}
