package org.pujiang.ledger.tree;

/**
 * A Merkle proof did not verify. Callers usually only need this type; the subclasses say why:
 * {@link RootMismatchException} (the proof is well-formed but leads to another root: wrong leaf, tampered hash,
 * or a different tree) and {@link ProofShapeException} (the proof cannot be a proof for these numbers at all).
 */
public sealed class ProofException extends Exception permits RootMismatchException, ProofShapeException {
    ProofException(String message) {
        super(message);
    }
}
