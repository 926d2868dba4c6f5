package org.pujiang.server.ledger;

/** The log writer's queue is full: the caller should retry shortly (503 ledger:overloaded). */
public final class LogOverloadedException extends RuntimeException {
    public LogOverloadedException() {
        super("the log is busy; try again in a moment", null, false, false);
    }
}
