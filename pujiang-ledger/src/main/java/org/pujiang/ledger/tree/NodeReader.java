package org.pujiang.ledger.tree;

/**
 * Reads the hashes of perfect subtrees of a log's Merkle tree. {@code node(level, index)} is the root of the perfect
 * subtree at {@code level} covering leaves {@code [index·2^level, (index+1)·2^level)}; level 0 is the leaf hash.
 *
 * <p>Callers ({@link Proofs}, {@link CompactRange#restore}) only ask for subtrees that lie entirely inside the tree
 * size they work on, so an implementation never needs to hash an incomplete subtree. An implementation that cannot
 * produce a node (the store lost it) throws an unchecked exception of its choosing; the callers let it through.
 */
@FunctionalInterface
public interface NodeReader {
    /** The 32-byte hash of the perfect subtree ({@code level}, {@code index}). The caller does not modify it. */
    byte[] node(int level, long index);
}
