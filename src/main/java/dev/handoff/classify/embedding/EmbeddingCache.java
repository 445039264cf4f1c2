package dev.handoff.classify.embedding;

import dev.handoff.files.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embeddings by normalized text, least recently used first out. Optionally kept on disk between
 * runs (one file per model, rewritten atomically on close) so a rerun embeds only new text.
 * A file that cannot be read is ignored: the cache is only ever a shortcut.
 */
final class EmbeddingCache {

    private static final int MAGIC = 0x48454331; // "HEC1"

    private final int capacity;
    private final String modelId;
    private final Map<String, float[]> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private int loadedFromDisk;
    private boolean dirty;

    EmbeddingCache(int capacity, String modelId) {
        this.capacity = capacity;
        this.modelId = modelId;
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

    /** Adds the entries of a file written by {@link #save}; a missing, foreign or damaged file adds nothing. */
    synchronized void load(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, float[]> read = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC || !modelId.equals(in.readUTF())) {
                return;
            }
            int dim = in.readInt();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                float[] v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = in.readFloat();
                }
                read.put(key, v);
            }
        } catch (EOFException e) {
            return;
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
        int dim = list.get(0).getValue().length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(list.size() * (dim * 4 + 40) + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(modelId);
            out.writeInt(dim);
            out.writeInt(list.size());
            for (Map.Entry<String, float[]> e : list) {
                out.writeUTF(e.getKey());
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
        AtomicFiles.write(file, bytes.toByteArray());
        dirty = false;
    }
}
