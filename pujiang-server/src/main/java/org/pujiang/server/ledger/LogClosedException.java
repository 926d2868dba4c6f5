package org.pujiang.server.ledger;

/** The log is shutting down and took no more work; nothing of the request was appended. */
public final class LogClosedException extends RuntimeException {
    public LogClosedException() {
        super("the log is shutting down; nothing was appended", null, false, false);
    }
}
