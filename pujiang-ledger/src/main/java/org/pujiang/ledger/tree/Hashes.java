package org.pujiang.ledger.tree;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 9162 §2.1.1 Merkle tree hashes over SHA-256 (the same as RFC 6962 §2.1): leaves and interior nodes carry
 * distinct one-byte prefixes so that a leaf can never be passed off as a node (second-preimage resistance).
 *
 * <p>Any thread may call. Each thread keeps its own {@link MessageDigest}: the log writer hashes tens of thousands
 * of leaves a second, and {@code MessageDigest.getInstance} per call would cost more than the hash itself.
 */
public final class Hashes {
    /** Bytes in every hash this class returns. */
    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::newDigest);
    private static final byte[] EMPTY = SHA256.get().digest();

    private Hashes() {
    }

    /** {@code SHA-256(0x00 || entry)}: the hash of a leaf holding {@code entry}. */
    public static byte[] leaf(byte[] entry) {
        MessageDigest md = SHA256.get();
        md.update(LEAF_PREFIX);
        md.update(entry);
        return md.digest(); // digest() also resets, so the next call starts clean
    }

    /**
     * {@code SHA-256(0x01 || left || right)}: the hash of an interior node. The arguments are normally 32-byte hashes;
     * other lengths are hashed as given (RFC 6962 test vectors use short strings).
     */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.update(NODE_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** {@code SHA-256("")}: MTH({}), the root of the empty tree (RFC 9162 §2.1.1). A fresh copy each call. */
    public static byte[] empty() {
        return EMPTY.clone();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java SE platform must provide SHA-256 (MessageDigest javadoc)
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
