package dev.handoff.transcript.importer;

import java.nio.charset.StandardCharsets;

/**
 * Ids an import has met (conversations finished, transcript ids written), each with a number
 * saying where it was first seen (a line, or a file and line), kept as 64-bit fingerprints in an
 * open-addressing table: about 32 bytes per id instead of a few hundred for a map of strings,
 * so a file of millions of conversations still streams in a small heap. Two different ids share
 * a fingerprint with a chance of about n²/2^65, and only then would a false "not together" or
 * "duplicate" error appear.
 */
final class SeenKeys {

    private long[] keys = new long[1024];
    private long[] values = new long[1024];
    private boolean zeroSeen;
    private long zeroValue;
    private int size;

    /** Records {@code key} with {@code value} (not 0), unless it is already recorded. */
    void add(String key, long value) {
        long h = fingerprint(key);
        if (h == 0) {
            if (!zeroSeen) {
                zeroSeen = true;
                zeroValue = value;
            }
            return;
        }
        int mask = keys.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                keys[i] = h;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            if (keys[i] == h) {
                return;
            }
        }
    }

    /** Whether {@code key} was recorded, and on which line (0: never); for keys added with a line. */
    int lineOf(String key) {
        return (int) valueOf(key);
    }

    /** The value {@code key} was recorded with (0: never). */
    long valueOf(String key) {
        long h = fingerprint(key);
        if (h == 0) {
            return zeroSeen ? zeroValue : 0;
        }
        int mask = keys.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == h) {
                return values[i];
            }
        }
        return 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long h = oldKeys[j];
            if (h != 0) {
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = h;
                values[i] = oldValues[j];
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finaliser (MurmurHash3's) to spread the bits. */
    static long fingerprint(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
