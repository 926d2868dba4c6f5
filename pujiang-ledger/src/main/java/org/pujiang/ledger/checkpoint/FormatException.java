package org.pujiang.ledger.checkpoint;

/**
 * Text that should be a checkpoint, signed note, signature line or key is malformed. The message says what is
 * wrong in words fit for an API error; it never contains secret key material.
 */
public final class FormatException extends Exception {
    public FormatException(String message) {
        super(message);
    }
}
