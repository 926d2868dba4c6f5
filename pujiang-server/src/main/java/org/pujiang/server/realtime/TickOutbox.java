package org.pujiang.server.realtime;

import io.micrometer.core.instrument.Counter;
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
 * <p>The frames and bytes sent are counted here too and added to the node's counters once per tick:
 * bumping a shared counter per frame per client cost the tick thread 7 % at 1000 clients.
 *
 * <p>Owned by the space's tick thread: {@link #post} and {@link #sent} during a tick, {@link #flush}
 * after it. What one connection posts runs in the order posted.
 */
final class TickOutbox {
    private final Map<Context, List<Runnable>> pending = new IdentityHashMap<>();
    private final Counter framesOut;
    private final Counter bytesOut;
    private long frames;
    private long bytes;

    /** @param framesOut the node's count of frames sent; {@code bytesOut} of their bytes */
    TickOutbox(Counter framesOut, Counter bytesOut) {
        this.framesOut = framesOut;
        this.bytesOut = bytesOut;
    }

    /** Counts one frame of {@code size} bytes. Tick thread. */
    void sent(int size) {
        frames++;
        bytes += size;
    }

    /** Runs {@code work} on {@code context} once the current tick ends. Tick thread. */
    void post(Context context, Runnable work) {
        pending.computeIfAbsent(context, c -> new ArrayList<>()).add(work);
    }

    /** Hands each event loop its batch. Tick thread, after the tick. */
    void flush() {
        if (frames > 0) {
            framesOut.increment(frames);
            bytesOut.increment(bytes);
            frames = 0;
            bytes = 0;
        }
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
