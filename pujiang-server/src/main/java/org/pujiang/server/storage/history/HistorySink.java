package org.pujiang.server.storage.history;

import java.util.List;

/** Where the {@link HistoryWriter} puts its batches: {@link HistoryRepository} in production, a fake in tests. */
@FunctionalInterface
public interface HistorySink {
    /**
     * Stores {@code points} in one transaction: all of them or, on an exception, none.
     *
     * @throws RuntimeException when the batch could not be stored; nothing of it was
     */
    AppendResult append(List<TelemetryPoint> points);

    /**
     * @param inserted points stored now
     * @param duplicates points ignored because a value for their (twin, property, ts) was stored before
     */
    record AppendResult(int inserted, int duplicates) {
        public static final AppendResult NONE = new AppendResult(0, 0);
    }
}
