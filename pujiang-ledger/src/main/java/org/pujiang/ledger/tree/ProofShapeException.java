package org.pujiang.ledger.tree;

/**
 * The proof cannot belong to the given numbers: a hash of the wrong length, the wrong number of hashes for this
 * index and size, an index outside the tree, from &gt; to. The message has the numbers.
 */
public final class ProofShapeException extends ProofException {
    public ProofShapeException(String message) {
        super(message);
    }
}
