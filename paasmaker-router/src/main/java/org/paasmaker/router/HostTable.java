package org.paasmaker.router;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An immutable open-addressing hash map from lowercased ASCII hostnames to values, looked up by a
 * range of a {@link CharSequence} with a hash the caller computed, so that a lookup neither copies
 * nor lowercases the Host header into a new String. The hash is {@link #hashStep} applied from the
 * last character to the first: {@link HostMatcher} then gets the hash of every suffix of a hostname
 * in one pass.
 */
final class HostTable<V> {

    private final int mask;
    private final int[] hashes;
    private final byte[][] keys;
    private final Object[] values;

    HostTable(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
        mask = capacity - 1;
        hashes = new int[capacity];
        keys = new byte[capacity][];
        values = new Object[capacity];
        entries.forEach(this::put);
    }

    /** One step of the hash, for the character before those already hashed. */
    static int hashStep(int hash, char lowercased) {
        return hash * 31 + lowercased;
    }

    static char lowercase(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static int hash(CharSequence text, int start, int end) {
        int hash = 0;
        for (int i = end - 1; i >= start; i--) {
            hash = hashStep(hash, lowercase(text.charAt(i)));
        }
        return hash;
    }

    /**
     * The value of {@code text[start, end)} compared without regard to ASCII case, given its
     * {@link #hash}; null when there is none (no Optional: this runs for every request).
     */
    @SuppressWarnings("unchecked")
    V get(int hash, CharSequence text, int start, int end) {
        for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && sameName(keys[slot], text, start, end)) {
                return (V) values[slot];
            }
        }
        return null;
    }

    private void put(String name, V value) {
        byte[] key = name.getBytes(StandardCharsets.ISO_8859_1);
        int hash = hash(name, 0, name.length());
        int slot = spread(hash) & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        keys[slot] = key;
        values[slot] = value;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static boolean sameName(byte[] key, CharSequence text, int start, int end) {
        if (key.length != end - start) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != (byte) lowercase(text.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }
}
