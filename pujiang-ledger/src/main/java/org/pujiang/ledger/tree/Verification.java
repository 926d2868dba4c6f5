package org.pujiang.ledger.tree;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies Merkle inclusion and consistency proofs with the algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2. Before
 * running them it checks the proof's shape (hash lengths, and the exact number of hashes the numbers call for, as
 * transparency-dev/merkle does), so a truncated or padded proof fails with a {@link ProofShapeException} that says
 * so instead of a bare root mismatch.
 *
 * <p>Pure functions: any thread may call. Nothing here trusts the proof: all inputs may come from the network.
 */
public final class Verification {
    private Verification() {
    }

    /**
     * Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose root is
     * {@code root}.
     *
     * @throws RootMismatchException when the proof leads to another root
     * @throws ProofShapeException when the proof cannot be an inclusion proof for these numbers
     */
    public static void inclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws ProofException {
        checkHash("root", root);
        byte[] computed = rootFromInclusion(index, size, leafHash, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new RootMismatchException(root, computed);
        }
    }

    /**
     * The root that the inclusion proof of {@code leafHash} at {@code index} leads to in a tree of {@code size}
     * leaves (RFC 9162 §2.1.3.2 steps 1 to 4). Only meaningful once compared with a trusted root.
     *
     * @throws ProofShapeException when the proof cannot be an inclusion proof for these numbers
     */
    public static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof)
            throws ProofShapeException {
        if (index < 0 || index >= size) {
            throw new ProofShapeException("leaf index " + index + " is outside a tree of size " + size);
        }
        checkHash("leaf hash", leafHash);
        // The path has one hash per level below the point where the paths to index and to size-1 part ("inner"),
        // then one per left sibling on the right border above it.
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        int border = Long.bitCount(index >>> inner);
        checkProof(proof, inner + border, "inclusion of " + index + " in a tree of size " + size);

        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new ProofShapeException("inclusion proof of " + index + " in " + size + " is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Hashes.node(p, r);
                if ((fn & 1) == 0) {
                    // fn == sn: index is on the right border, where levels without a left sibling are skipped
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = Hashes.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofShapeException("inclusion proof of " + index + " in " + size + " is too short");
        }
        return r == leafHash ? leafHash.clone() : r;
    }

    /**
     * Checks that the tree of {@code from} leaves with root {@code fromRoot} is a prefix of the tree of {@code to}
     * leaves with root {@code toRoot}. For {@code from == to} the proof must be empty and the roots equal; for
     * {@code from == 0} the proof must be empty and {@code fromRoot} the empty-tree root.
     *
     * @throws RootMismatchException when the proof leads to other roots
     * @throws ProofShapeException when the proof cannot be a consistency proof for these numbers
     */
    public static void consistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof)
            throws ProofException {
        if (from < 0 || from > to) {
            throw new ProofShapeException("consistency needs 0 <= from <= to, got from " + from + ", to " + to);
        }
        checkHash("old root", fromRoot);
        checkHash("new root", toRoot);
        if (from == 0 || from == to) {
            // RFC 9162 §2.1.4.2 covers 0 < from < to; the empty tree is a prefix of every tree, and a tree is
            // consistent with itself, so the proof is empty and only the old root can be wrong.
            checkProof(proof, 0, "consistency from " + from + " to " + to);
            byte[] expected = from == 0 ? Hashes.empty() : toRoot;
            if (!MessageDigest.isEqual(fromRoot, expected)) {
                throw new RootMismatchException(expected, fromRoot);
            }
            return;
        }
        int shift = Long.numberOfTrailingZeros(from);
        int inner = 64 - Long.numberOfLeadingZeros((from - 1) ^ (to - 1));
        int border = Long.bitCount((from - 1) >>> inner);
        boolean seeded = from == 1L << shift; // step 2: the old root is itself the first node
        checkProof(proof, (seeded ? 0 : 1) + inner - shift + border, "consistency from " + from + " to " + to);

        // Step 2: if from is a power of two, the old root starts the path.
        int next = 0;
        byte[] first = seeded ? fromRoot : proof.get(next++);
        // Step 3 and 4.
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 5.
        byte[] fr = first;
        byte[] sr = first;
        // Step 6.
        for (; next < proof.size(); next++) {
            byte[] c = proof.get(next);
            if (sn == 0) {
                throw new ProofShapeException("consistency proof from " + from + " to " + to + " is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Hashes.node(c, fr);
                sr = Hashes.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = Hashes.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 7.
        if (sn != 0) {
            throw new ProofShapeException("consistency proof from " + from + " to " + to + " is too short");
        }
        if (!MessageDigest.isEqual(fr, fromRoot)) {
            throw new RootMismatchException(fromRoot, fr);
        }
        if (!MessageDigest.isEqual(sr, toRoot)) {
            throw new RootMismatchException(toRoot, sr);
        }
    }

    private static void checkProof(List<byte[]> proof, int expected, String what) throws ProofShapeException {
        if (proof.size() != expected) {
            throw new ProofShapeException(what + " needs " + expected + " hashes, got " + proof.size());
        }
        for (int i = 0; i < proof.size(); i++) {
            checkHash("proof hash " + i, proof.get(i));
        }
    }

    private static void checkHash(String what, byte[] hash) throws ProofShapeException {
        if (hash == null || hash.length != Hashes.SIZE) {
            throw new ProofShapeException(what + " must be " + Hashes.SIZE + " bytes, got "
                    + (hash == null ? "null" : hash.length));
        }
    }
}
