package org.pujiang.ledger.asset;

/** Bytes that are not the canonical encoding of a ledger entry; the message names the problem and the key. */
public final class EntryFormatException extends Exception {
    public EntryFormatException(String message) {
        super(message);
    }
}
