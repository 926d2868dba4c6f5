package org.pujiang.ledger.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * The right frontier of a log's Merkle tree: for a log of {@code size} leaves, the roots of the perfect subtrees
 * that {@code [0, size)} splits into, one per set bit of {@code size}, largest (leftmost) first. That is all the
 * tree state needed to append leaves and to compute the root (the "compact range [0, size)" of
 * transparency-dev/merkle {@code compact.Range}).
 *
 * <p>Not thread-safe: one owner (the log writer) appends and reads it. {@link #root()} and {@link #frontier()} return
 * copies, which the owner may hand to other threads.
 */
public final class CompactRange {
    /**
     * Receives the perfect-subtree nodes that an append completes: the leaf itself (level 0) first, then each new
     * parent upwards. Runs on the appending thread, inside {@link CompactRange#append}; the hash array is the range's
     * own, so a sink that keeps it must not modify it.
     */
    @FunctionalInterface
    public interface NodeSink {
        void node(int level, long index, byte[] hash);
    }

    private static final NodeSink DISCARD = (level, index, hash) -> {
    };

    /** Frontier hashes, largest subtree first; {@code hashes[i]} for {@code i < count}. */
    private final byte[][] hashes = new byte[64][];
    private int count;
    private long size;

    private CompactRange() {
    }

    /** The frontier of the empty log. */
    public static CompactRange empty() {
        return new CompactRange();
    }

    /**
     * The frontier of a stored log of {@code size} leaves, read from its perfect-subtree nodes (one read per set bit
     * of {@code size}).
     */
    public static CompactRange restore(long size, NodeReader nodes) {
        if (size < 0) {
            throw new IllegalArgumentException("log size must be >= 0, got " + size);
        }
        CompactRange range = new CompactRange();
        long begin = 0;
        for (int level = 62; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                byte[] hash = nodes.node(level, begin >>> level);
                if (hash == null || hash.length != Hashes.SIZE) {
                    throw new IllegalStateException("node (" + level + ", " + (begin >>> level) + ") of a log of "
                            + size + " is not a " + Hashes.SIZE + "-byte hash");
                }
                range.hashes[range.count++] = hash.clone();
                begin += 1L << level;
            }
        }
        range.size = size;
        return range;
    }

    /** Number of leaves appended so far. */
    public long size() {
        return size;
    }

    /** MTH of all leaves so far (RFC 9162 §2.1.1); {@link Hashes#empty()} when there are none. A fresh array. */
    public byte[] root() {
        if (count == 0) {
            return Hashes.empty();
        }
        // MTH splits off the largest power of two on the left, so the frontier folds right to left.
        byte[] hash = hashes[count - 1];
        for (int i = count - 2; i >= 0; i--) {
            hash = Hashes.node(hashes[i], hash);
        }
        return hash == hashes[count - 1] ? hash.clone() : hash;
    }

    /** Copies of the frontier hashes, largest subtree first (the nodes {@link #restore} reads). */
    public List<byte[]> frontier() {
        List<byte[]> copy = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            copy.add(hashes[i].clone());
        }
        return copy;
    }

    /** Appends a leaf without reporting the completed nodes. */
    public void append(byte[] leafHash) {
        append(leafHash, DISCARD);
    }

    /**
     * Appends the leaf with hash {@code leafHash} (see {@link Hashes#leaf}) as leaf number {@link #size()}, and
     * reports to {@code sink} every perfect subtree this completes, the leaf first.
     */
    public void append(byte[] leafHash, NodeSink sink) {
        if (leafHash.length != Hashes.SIZE) {
            throw new IllegalArgumentException("a leaf hash is " + Hashes.SIZE + " bytes, got " + leafHash.length);
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("the log is full at " + size + " leaves");
        }
        final long index = size;
        byte[] hash = leafHash.clone();
        sink.node(0, index, hash);
        // Each set low bit of the old size is a finished sibling on the frontier that the new leaf's subtree now
        // completes: merge them, like a binary carry.
        int level = 0;
        while (((index >>> level) & 1) == 1) {
            hash = Hashes.node(hashes[--count], hash);
            hashes[count] = null;
            level++;
            sink.node(level, index >>> level, hash);
        }
        hashes[count++] = hash;
        size = index + 1;
    }
}
