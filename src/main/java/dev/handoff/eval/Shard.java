package dev.handoff.eval;

import dev.handoff.error.HandoffException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A stable 1/N of the transcripts: a transcript belongs to shard I (1-based) when the first 8
 * bytes of SHA-256 of its id, mod N, are I-1. The same on every machine and JVM, and a
 * transcript keeps its shard when others are added or removed.
 */
public record Shard(int index, int count) {

    public static Shard parse(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new Shard(i, n);
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw HandoffException.usage("--shard '" + text + "': expected I/N with 1 <= I <= N, e.g. --shard 2/4", null);
    }

    public boolean owns(String key) {
        return Math.floorMod(hash(key), count) == index - 1;
    }

    static long hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xFF);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
