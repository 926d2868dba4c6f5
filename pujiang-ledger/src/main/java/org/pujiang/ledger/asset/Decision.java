package org.pujiang.ledger.asset;

/** The policy's answer to a command: the entry to append, or a refusal with a stable code. */
public sealed interface Decision {
    record Allowed(LedgerEntry entry) implements Decision {}

    record Refused(String code, String message) implements Decision {}
}
