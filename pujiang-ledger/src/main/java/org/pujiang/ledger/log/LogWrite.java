package org.pujiang.ledger.log;

import java.util.List;

/**
 * What one batch of appends changes in storage: tiles and bundles to insert or rewrite, and the tree it makes.
 * Storing it must be atomic (one transaction): either the whole batch is visible or none of it.
 *
 * @param fromSize the tree size before the batch
 * @param toSize the tree size after it
 * @param root the root of the tree of {@code toSize} leaves
 */
public record LogWrite(long fromSize, long toSize, byte[] root, List<TileWrite> tiles, List<BundleWrite> bundles) {
    public LogWrite {
        root = root.clone();
        tiles = List.copyOf(tiles);
        bundles = List.copyOf(bundles);
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /**
     * One tile's new content.
     *
     * @param stored whether a shorter version of this tile is already stored (update it), or not (insert it)
     */
    public record TileWrite(int level, long index, int width, byte[] hashes, boolean stored) {}

    /**
     * One entry bundle's new content: each entry as a big-endian 16-bit length, then its bytes (C2SP tlog-tiles).
     *
     * @param stored whether a shorter version of this bundle is already stored
     */
    public record BundleWrite(long index, int count, byte[] data, boolean stored) {}
}
