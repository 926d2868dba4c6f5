package org.pujiang.protocol.message;

import java.util.List;
import org.pujiang.protocol.ProtocolVersion;
import org.pujiang.protocol.codec.Codec;
import org.pujiang.protocol.codec.FrameWriter;

/**
 * 0x83, one tick's changes to the entities the client sees: the space's tick number, the server's clock
 * when the tick ran (interpolate with it), and an {@link EntityUpdate} per changed entity (at most
 * {@value #UPDATES_MAX}). A slow client may receive coalesced States, so tick numbers can skip.
 *
 * <p>To build frames without a record per update, the tick thread can call {@link #writeHeader} and then
 * {@code EntityUpdate}'s static writers once per update.
 */
public record State(int tick, long serverTimeMs, List<EntityUpdate> updates) implements ServerMessage {
    public static final int TYPE = 0x83;
    public static final int UPDATES_MAX = 4096;

    public State {
        Check.range(tick, 0, Integer.MAX_VALUE, "tick");
        Check.time(serverTimeMs, "serverTimeMs");
        updates = Check.list(updates, UPDATES_MAX, "updates");
    }

    private static final Codec<List<EntityUpdate>> UPDATES =
            Codec.list(EntityUpdate.CODEC, UPDATES_MAX, EntityUpdate.MIN_BYTES, "State.updates");

    public static final Codec<State> CODEC = Codec.of(
            (w, m) -> {
                w.varInt(m.tick).varLong(m.serverTimeMs);
                UPDATES.write(w, m.updates);
            },
            r -> {
                int tick = r.varInt(0, Integer.MAX_VALUE, "State.tick");
                long time = r.varLong(0, Check.MAX_SAFE_INTEGER, "State.serverTimeMs");
                List<EntityUpdate> updates = r.ok() ? UPDATES.read(r) : null;
                return r.ok() ? new State(tick, time, updates) : null;
            });

    /**
     * Writes a whole State frame's header (protocol version, type, tick, time, update count); the caller
     * then writes exactly {@code updateCount} updates, each as an entity id varint followed by
     * {@link EntityUpdate#writeBody}. The same bytes as {@code Frames.encode} of the equivalent record.
     */
    public static FrameWriter writeHeader(FrameWriter w, int tick, long serverTimeMs, int updateCount) {
        Check.range(tick, 0, Integer.MAX_VALUE, "tick");
        Check.time(serverTimeMs, "serverTimeMs");
        Check.range(updateCount, 0, UPDATES_MAX, "updateCount");
        return w.u8(ProtocolVersion.CURRENT).u8(TYPE).varInt(tick).varLong(serverTimeMs).varInt(updateCount);
    }
}
