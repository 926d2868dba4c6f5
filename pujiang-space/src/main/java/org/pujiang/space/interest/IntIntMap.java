package org.pujiang.space.interest;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative int keys to int values with linear probing and
 * backward-shift deletion (no tombstones). Small and allocation-free after it has grown; one client's
 * "entity slot → local id" index. Not thread-safe.
 */
final class IntIntMap {
    private static final int EMPTY = -1;

    private int[] keys;
    private int[] values;
    private int mask;
    private int size;

    IntIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new int[cap];
        values = new int[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
    }

    private static int hash(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The value for {@code key}, or {@code missing}. */
    int get(int key, int missing) {
        int[] k = keys;
        int m = mask;
        for (int i = hash(key) & m;; i = (i + 1) & m) {
            int found = k[i];
            if (found == key) {
                return values[i];
            }
            if (found == EMPTY) {
                return missing;
            }
        }
    }

    void put(int key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("keys must be non-negative, got " + key);
        }
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        int m = mask;
        for (int i = hash(key) & m;; i = (i + 1) & m) {
            int found = keys[i];
            if (found == key) {
                values[i] = value;
                return;
            }
            if (found == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    /** Removes {@code key} if it maps to {@code value}; returns whether it did. */
    boolean remove(int key, int value) {
        int m = mask;
        int i = hash(key) & m;
        while (true) {
            int found = keys[i];
            if (found == EMPTY) {
                return false;
            }
            if (found == key) {
                if (values[i] != value) {
                    return false;
                }
                break;
            }
            i = (i + 1) & m;
        }
        // backward-shift: pull later members of the probe run into the hole
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & m;
            int k = keys[j];
            if (k == EMPTY) {
                break;
            }
            int home = hash(k) & m;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = k;
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        size--;
        return true;
    }

    int size() {
        return size;
    }

    private void rehash(int cap) {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[cap];
        values = new int[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
