package org.pujiang.ledger.log;

import org.pujiang.ledger.tree.Hashes;
import org.pujiang.ledger.tree.NodeReader;

/**
 * Where the log keeps its node hashes: in tiles of {@value #WIDTH} hashes, as C2SP tlog-tiles lays them out.
 * The tile at tile level {@code L} and index {@code t} holds the hashes of the perfect subtrees at tree level
 * {@code 8·L} with indices {@code t·256 … t·256+255}; tile level 0 holds the leaf hashes. A tile is "partial" while
 * fewer than 256 of its subtrees are complete, and is rewritten (only ever extended) until it is full, after which
 * it never changes. Every node of the tree that is a perfect subtree can be computed from one tile: a node at tree
 * level {@code 8·L + r} (r &lt; 8) covers 2^r aligned hashes of one tile of level L.
 *
 * <p>Entries are kept the same way, in bundles of 256 (bundle {@code b} holds entries {@code b·256 …}).
 */
public final class Tiles {
    /** Hashes per tile and entries per bundle. */
    public static final int WIDTH = 256;
    /** Tree levels one tile level spans. */
    public static final int HEIGHT = 8;

    private Tiles() {}

    /** Reads stored tiles; used by {@link #nodes}. */
    @FunctionalInterface
    public interface TileSource {
        /**
         * The hashes of tile ({@code level}, {@code index}), {@code width × 32} bytes, holding at least
         * {@code minWidth} hashes.
         *
         * @throws IllegalStateException when the stored tile is shorter than {@code minWidth}: the store lost data
         */
        byte[] tile(int level, long index, int minWidth);
    }

    /**
     * Perfect-subtree hashes computed from tiles. Each call reads one tile and hashes at most 255 nodes inside it.
     */
    public static NodeReader nodes(TileSource tiles) {
        return (level, index) -> {
            int tileLevel = level / HEIGHT;
            int up = level % HEIGHT;
            long first = index << up; // the first covered node at tree level 8·tileLevel
            long tileIndex = first / WIDTH;
            int offset = (int) (first % WIDTH);
            int count = 1 << up;
            byte[] tile = tiles.tile(tileLevel, tileIndex, offset + count);
            return fold(tile, offset, count);
        };
    }

    /** The root of {@code count} (a power of two) consecutive hashes of a tile, starting at {@code offset}. */
    static byte[] fold(byte[] tile, int offset, int count) {
        byte[][] row = new byte[count][];
        for (int i = 0; i < count; i++) {
            row[i] = java.util.Arrays.copyOfRange(tile, (offset + i) * Hashes.SIZE, (offset + i + 1) * Hashes.SIZE);
        }
        for (int n = count; n > 1; n /= 2) {
            for (int i = 0; i < n / 2; i++) {
                row[i] = Hashes.node(row[2 * i], row[2 * i + 1]);
            }
        }
        return row[0];
    }

    /** How many hashes tile level {@code level} holds in total for a tree of {@code size} leaves. */
    public static long nodesAt(int level, long size) {
        return level * HEIGHT >= 63 ? 0 : size >>> (level * HEIGHT);
    }

    /** The number of tile levels a tree of {@code size} leaves has tiles at (0 for an empty tree). */
    public static int levels(long size) {
        int levels = 0;
        while (nodesAt(levels, size) > 0) {
            levels++;
        }
        return levels;
    }
}
