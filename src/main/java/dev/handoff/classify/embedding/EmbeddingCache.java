package dev.handoff.classify.embedding;

import dev.handoff.files.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Embeddings by normalized text, least recently used first out. Optionally kept on disk between
 * runs (one file per model, rewritten atomically on close) so a rerun embeds only new text.
 * A file that cannot be read is ignored: the cache is only ever a shortcut.
 */
final class EmbeddingCache {

    private static final int MAGIC = 0x48454332; // "HEC2": HEC1 had no checksum
    /** 200,000 entries of 384 numbers take about 320 MB; a file past this is no cache of ours. */
    private static final long MAX_FILE = 1L << 30;

    private final int capacity;
    private final String modelId;
    private final int dimension;
    private final Map<String, float[]> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private int loadedFromDisk;
    private boolean dirty;

    /** @param dimension the length of the model's vectors; {@link #put} refuses any other */
    EmbeddingCache(int capacity, String modelId, int dimension) {
        this.capacity = capacity;
        this.modelId = modelId;
        this.dimension = dimension;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    synchronized float[] get(String key) {
        float[] v = entries.get(key);
        if (v == null) {
            misses.incrementAndGet();
        } else {
            hits.incrementAndGet();
        }
        return v;
    }

    synchronized void put(String key, float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("a vector of " + vector.length + " numbers in a cache of " + dimension);
        }
        entries.put(key, vector);
        dirty = true;
    }

    synchronized int size() {
        return entries.size();
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    synchronized int loadedFromDisk() {
        return loadedFromDisk;
    }

    /**
     * Adds the entries of a file written by {@link #save}; a missing, foreign or damaged file adds nothing. Damaged means
     * any byte changed (a CRC-32 of the content ends the file), a vector of another length than the model's, or a number
     * that is not finite: a size field gone wrong asked for gigabytes, a flipped byte changed scores unseen.
     */
    synchronized void load(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (bytes.length < 12) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (crc.getValue() != java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong()) {
            return;
        }
        Map<String, float[]> read = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            if (in.readInt() != MAGIC || !modelId.equals(in.readUTF())) {
                return;
            }
            int dim = in.readInt();
            int count = in.readInt();
            // every entry takes at least 2 bytes of key and 4 per number: a count or dimension past that is no file of ours
            if (dim != dimension || count < 0 || (long) count * (2 + 4L * dim) > bytes.length) {
                return;
            }
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                float[] v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = in.readFloat();
                    if (!Float.isFinite(v[j])) {
                        return;
                    }
                }
                read.put(key, v);
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        read.forEach(entries::put);
        loadedFromDisk = read.size();
    }

    /** Writes the cache when it gained entries since it was loaded. */
    synchronized void save(Path file) throws IOException {
        if (!dirty || entries.isEmpty()) {
            return;
        }
        List<Map.Entry<String, float[]>> list = new ArrayList<>(entries.entrySet());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(list.size() * (dimension * 4 + 40) + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(modelId);
            out.writeInt(dimension);
            out.writeInt(list.size());
            for (Map.Entry<String, float[]> e : list) {
                out.writeUTF(e.getKey());
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
        CRC32 crc = new CRC32();
        byte[] content = bytes.toByteArray();
        crc.update(content);
        byte[] checked = java.util.Arrays.copyOf(content, content.length + 8);
        java.nio.ByteBuffer.wrap(checked, content.length, 8).putLong(crc.getValue());
        // the keys are customers' messages: only for the owner, whatever the umask
        dev.handoff.files.PrivatePaths.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, checked, AtomicFiles.OWNER_ONLY);
        dirty = false;
    }
}
