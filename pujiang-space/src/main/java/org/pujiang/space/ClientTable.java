package org.pujiang.space;

import java.util.Arrays;

/**
 * Connected clients by client id: open addressing on primitive long keys, so that looking up the
 * sender of each of thousands of moves a tick allocates nothing (a {@code HashMap<Long, …>} boxes
 * every key). Linear probing with backward-shift deletion. Tick thread only.
 */
final class ClientTable {
    private long[] keys;
    private ClientSession[] values;
    private int mask;
    private int size;

    ClientTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new ClientSession[cap];
        mask = cap - 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    ClientSession get(long key) {
        ClientSession[] v = values;
        long[] k = keys;
        int m = mask;
        for (int i = hash(key) & m;; i = (i + 1) & m) {
            ClientSession s = v[i];
            if (s == null) {
                return null;
            }
            if (k[i] == key) {
                return s;
            }
        }
    }

    void put(long key, ClientSession value) {
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        int m = mask;
        for (int i = hash(key) & m;; i = (i + 1) & m) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    void remove(long key) {
        int m = mask;
        int i = hash(key) & m;
        while (true) {
            if (values[i] == null) {
                return;
            }
            if (keys[i] == key) {
                break;
            }
            i = (i + 1) & m;
        }
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & m;
            if (values[j] == null) {
                break;
            }
            int home = hash(keys[j]) & m;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
        size--;
    }

    int size() {
        return size;
    }

    private void rehash(int cap) {
        long[] oldKeys = keys;
        ClientSession[] oldValues = values;
        keys = new long[cap];
        values = new ClientSession[cap];
        mask = cap - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
        Arrays.fill(oldValues, null);
    }
}
