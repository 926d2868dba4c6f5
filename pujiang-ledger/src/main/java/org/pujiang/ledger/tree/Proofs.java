package org.pujiang.ledger.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Generates Merkle inclusion and consistency proofs (RFC 9162 §2.1.3.1 and §2.1.4.1) and tree roots from the hashes of
 * perfect subtrees, which is all a log stores. The RFC defines both proofs recursively over {@code MTH(D[a:b])};
 * here the recursion is walked top-down as a loop and the collected hashes are reversed, because the proof lists
 * hashes leaf-first. Every {@code MTH} the recursion needs is either a perfect subtree (one {@link NodeReader} call)
 * or a right-edge subtree {@code D[begin:size]}, which {@link #rangeRoot} folds from at most 64 perfect subtrees.
 *
 * <p>Pure functions: any thread may call, as long as the {@link NodeReader} allows it. Bad arguments (negative
 * numbers, an index outside the tree, from &gt; to) are the caller's bug and throw {@link IllegalArgumentException}
 * with the numbers.
 */
public final class Proofs {
    private Proofs() {
    }

    /**
     * The inclusion proof (audit path) of leaf {@code index} in the tree of the first {@code size} leaves,
     * RFC 9162 §2.1.3.1 {@code PATH(index, D[size])}, leaf-side first. Empty for a tree of one leaf.
     */
    public static List<byte[]> inclusion(long index, long size, NodeReader nodes) {
        if (index < 0 || size <= 0 || index >= size) {
            throw new IllegalArgumentException("inclusion proof needs 0 <= index < size, got index " + index
                    + ", size " + size);
        }
        List<byte[]> proof = new ArrayList<>(64);
        long begin = 0;
        long end = size;
        while (end - begin > 1) {
            long k = splitPoint(end - begin);
            if (index < begin + k) {
                // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])
                proof.add(rangeRoot(begin + k, end, nodes));
                end = begin + k;
            } else {
                // PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])
                proof.add(perfect(begin, k, nodes));
                begin += k;
            }
        }
        Collections.reverse(proof);
        return proof;
    }

    /**
     * The consistency proof between the trees of the first {@code from} and {@code to} leaves, RFC 9162 §2.1.4.1
     * {@code PROOF(from, D[to])}. Needs {@code 1 <= from <= to}; empty when {@code from == to}.
     */
    public static List<byte[]> consistency(long from, long to, NodeReader nodes) {
        if (from < 1 || from > to) {
            throw new IllegalArgumentException("consistency proof needs 1 <= from <= to, got from " + from
                    + ", to " + to);
        }
        List<byte[]> proof = new ArrayList<>(64);
        long begin = 0;
        long end = to;
        boolean whole = true; // SUBPROOF's b: the old tree is the whole of the current subtree's left part
        while (true) {
            long n = end - begin;
            long m = from - begin;
            if (m == n) {
                // SUBPROOF(m, D[m], b) = {} when b is true, else {MTH(D[m])}
                if (!whole) {
                    proof.add(rangeRoot(begin, end, nodes));
                }
                break;
            }
            long k = splitPoint(n);
            if (m <= k) {
                // SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
                proof.add(rangeRoot(begin + k, end, nodes));
                end = begin + k;
            } else {
                // SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
                proof.add(perfect(begin, k, nodes));
                begin += k;
                whole = false;
            }
        }
        Collections.reverse(proof);
        return proof;
    }

    /** MTH of the first {@code size} leaves; {@link Hashes#empty()} for size 0. */
    public static byte[] root(long size, NodeReader nodes) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must be >= 0, got " + size);
        }
        return size == 0 ? Hashes.empty() : rangeRoot(0, size, nodes);
    }

    /**
     * {@code MTH(D[begin:end])} for a range that is a subtree of some tree, i.e. {@code begin} is a multiple of the
     * largest power of two not above {@code end - begin} (the ranges RFC 9162's recursion produces, such as the
     * right edge {@code D[k:size]}). The range splits into perfect subtrees, one per set bit of {@code end - begin},
     * largest first; MTH folds them right to left, because MTH splits off the largest power of two on the left.
     */
    public static byte[] rangeRoot(long begin, long end, NodeReader nodes) {
        long n = end - begin;
        if (begin < 0 || n <= 0) {
            throw new IllegalArgumentException("subtree range needs 0 <= begin < end, got [" + begin + ", " + end
                    + ")");
        }
        long top = Long.highestOneBit(n);
        if (begin % top != 0) {
            throw new IllegalArgumentException("[" + begin + ", " + end + ") is not a subtree: " + begin
                    + " is not a multiple of " + top);
        }
        int parts = Long.bitCount(n);
        byte[][] hashes = new byte[parts][];
        long at = begin;
        int i = 0;
        for (int level = 63 - Long.numberOfLeadingZeros(n); level >= 0; level--) {
            if ((n & (1L << level)) != 0) {
                hashes[i++] = nodes.node(level, at >>> level);
                at += 1L << level;
            }
        }
        if (parts == 1) {
            return owned(hashes[0]);
        }
        byte[] hash = hashes[parts - 1];
        for (int j = parts - 2; j >= 0; j--) {
            hash = Hashes.node(hashes[j], hash);
        }
        return hash;
    }

    /** The perfect subtree of {@code width} (a power of two) leaves starting at {@code begin}. */
    private static byte[] perfect(long begin, long width, NodeReader nodes) {
        int level = Long.numberOfTrailingZeros(width);
        return owned(nodes.node(level, begin >>> level));
    }

    /** A copy, so that what we return is the caller's and never aliases the reader's storage. */
    private static byte[] owned(byte[] stored) {
        return stored.clone();
    }

    /** RFC 9162 §2.1.1: k, the largest power of two smaller than n (n &gt; 1). */
    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }
}
