package org.pujiang.server.realtime;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one space's tick wants done on the event loops: its sinks' socket writes (and the connection
 * changes that must follow them), collected during the tick and handed to each event loop as one task
 * when the tick ends. Writing from the tick thread directly would cost one cross-thread task, and
 * often one wake-up of the event loop, per frame per client; this costs one per event loop per tick.
 *
 * <p>Owned by the space's tick thread: {@link #post} during a tick, {@link #flush} after it. What one
 * connection posts runs in the order posted.
 */
final class TickOutbox {
    private final Map<Context, List<Runnable>> pending = new IdentityHashMap<>();

    /** Runs {@code work} on {@code context} once the current tick ends. Tick thread. */
    void post(Context context, Runnable work) {
        pending.computeIfAbsent(context, c -> new ArrayList<>()).add(work);
    }

    /** Hands each event loop its batch. Tick thread, after the tick. */
    void flush() {
        for (Map.Entry<Context, List<Runnable>> e : pending.entrySet()) {
            List<Runnable> batch = e.getValue();
            if (batch.isEmpty()) {
                continue;
            }
            e.setValue(new ArrayList<>(Math.max(16, batch.size())));
            e.getKey().runOnContext(v -> {
                for (Runnable r : batch) {
                    r.run();
                }
            });
        }
    }
}
