package org.pujiang.server.realtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.pujiang.protocol.Frames;
import org.pujiang.protocol.codec.FrameWriter;
import org.pujiang.protocol.message.TwinUpdate;
import org.pujiang.protocol.message.ChatEvent;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EmoteEvent;
import org.pujiang.protocol.message.Enter;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ErrorMessage;
import org.pujiang.protocol.message.Exit;
import org.pujiang.protocol.message.Goodbye;
import org.pujiang.protocol.message.Holder;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.Presence;
import org.pujiang.protocol.message.PresenceChange;
import org.pujiang.protocol.message.PresenceEntry;
import org.pujiang.protocol.message.Say;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.State;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.protocol.message.VoiceRelay;
import org.pujiang.space.SpaceId;
import org.pujiang.space.Bounds;
import org.pujiang.space.ClientSink;
import org.pujiang.space.entity.EntityView;

/**
 * One joined client as its space sees it: encodes each engine call into protocol frames and writes them
 * to the client's WebSocket. One sink per Join; after a Leave or a closed socket it is
 * {@link #detach detached} and drops what the engine still sends.
 *
 * <p>Threading: the {@link ClientSink} methods run on the space's tick thread (one at a time, in order)
 * and own the writers. The frames they encode are posted to the space's {@link TickOutbox}, which writes
 * them on the connection's event loop when the tick ends, in order; what changes the connection's state
 * (a refusal, a goodbye) follows the same way, after the frames before it.
 *
 * <p>{@link #backlog} counts State frames handed to the socket whose write has not completed yet:
 * when the client reads slowly the socket stops flushing, the count grows and the engine coalesces,
 * then drops the client.
 */
final class SocketSink implements ClientSink {
    private final Connection connection;
    private final ServerWebSocket ws;
    private final LiveSpace live;
    private final RealtimeMetrics metrics;
    private final FrameWriter out = new FrameWriter(256);
    private final FrameWriter updates = new FrameWriter(1024);
    private final AtomicInteger statesInFlight = new AtomicInteger();
    private volatile boolean detached;
    private boolean welcomed;
    private int updateCount;
    private long stateTick;
    private long stateTimeMs;

    SocketSink(Connection connection, ServerWebSocket ws, LiveSpace live, RealtimeMetrics metrics) {
        this.connection = connection;
        this.ws = ws;
        this.live = live;
        this.metrics = metrics;
    }

    LiveSpace live() {
        return live;
    }

    /** From now on the engine's calls write nothing. Any thread. */
    void detach() {
        detached = true;
    }

    @Override
    public void welcomeToSpace(int selfLocalId, long resumeKey) {
        welcomed = true;
        Bounds b = live.config().bounds();
        send(new Joined(live.id().value(), Clip.utf8(live.name(), Joined.SPACE_NAME_MAX_BYTES), selfLocalId, resumeKey,
                (float) b.minX(), (float) b.minY(), (float) b.minZ(), (float) b.maxX(), (float) b.maxY(),
                (float) b.maxZ(), live.config().capacity(), (float) live.config().interestRadius()));
        // After Joined is written, on the connection's loop: the bound twins' full state.
        SpaceId space = live.id();
        live.outbox().post(connection.context(), () -> connection.sendTwinSnapshot(space));
    }

    @Override
    public void twinUpdate(String twin, String json, long serverTimeMs) {
        if (welcomed) {
            send(new TwinUpdate(twin, json, serverTimeMs));
        }
    }

    @Override
    public void enter(int localId, EntityKind kind, String name, String userId,
            EntityView s) {
        send(new Enter(localId, kind, Clip.utf8(name, Enter.NAME_MAX_BYTES),
                userId == null ? "" : Clip.utf8(userId, PresenceEntry.USER_ID_MAX_BYTES),
                EntityUpdate.full(localId, s.x(), s.y(), s.z(), s.yaw(), s.pitch(), s.vx(), s.vy(), s.vz(), s.anim())));
    }

    @Override
    public void exit(int localId) {
        send(new Exit(localId));
    }

    @Override
    public void beginState(long tick, long serverTimeMs) {
        updates.reset();
        updateCount = 0;
        stateTick = tick;
        stateTimeMs = serverTimeMs;
    }

    @Override
    public void update(int localId, int mask, EntityView s) {
        if (updateCount == State.UPDATES_MAX) {
            return; // K is at most 1024, so this does not happen; a frame must never exceed the wire limit
        }
        // ChangeMask's bits are the wire's (POS 1, ROT 2, VEL 4, ANIM 8)
        updates.varInt(localId);
        live.bodies().write(updates, stateTick, mask & EntityUpdate.ALL, s); // encoded once per tick for all viewers
        updateCount++;
    }

    @Override
    public void endState() {
        if (detached) {
            return;
        }
        FrameWriter w = out.reset();
        State.writeHeader(w, (int) (stateTick & Integer.MAX_VALUE), stateTimeMs, updateCount);
        w.bytes(updates.array(), 0, updates.size());
        statesInFlight.incrementAndGet();
        Buffer frame = frame(w);
        live.outbox().post(connection.context(),
                () -> ws.writeBinaryMessage(frame).onComplete(ar -> statesInFlight.decrementAndGet()));
    }

    @Override
    public void chat(int fromLocalId, int fromEntityId, String fromName, ChatScope scope, String text,
            long serverTimeMs) {
        send(new ChatEvent(fromLocalId, Clip.utf8(fromName, PresenceEntry.DISPLAY_NAME_MAX_BYTES),
                scope, Clip.utf8(text, org.pujiang.protocol.message.Chat.TEXT_MAX_BYTES), serverTimeMs));
    }

    @Override
    public void say(int fromLocalId, int fromEntityId, Say line, long serverTimeMs) {
        // The engine hands over the line already addressed to this client; re-address it only if it is not,
        // so that the frame always names the agent by this client's own id.
        Say own = line.fromEntity() == fromLocalId && line.serverTimeMs() == serverTimeMs ? line
                : line.withFrom(fromLocalId, line.fromName(), line.scope(), serverTimeMs);
        send(own);
    }

    @Override
    public void emote(int localId, int emote) {
        send(new EmoteEvent(localId, emote));
    }

    @Override
    public void holder(int objectLocalId, int holderLocalId) {
        // docs/protocol.md: 0 when the object is free or its holder is not in view
        send(new Holder(objectLocalId, holderLocalId == UNSEEN_HOLDER ? 0 : holderLocalId));
    }

    @Override
    public void presence(List<org.pujiang.space.PresenceEntry> everyone) {
        List<PresenceEntry> entries = new ArrayList<>(everyone.size());
        for (org.pujiang.space.PresenceEntry e : everyone) {
            entries.add(entry(e));
        }
        send(new Presence(entries));
    }

    @Override
    public void presenceChange(org.pujiang.space.PresenceEntry who, boolean joined) {
        send(new PresenceChange(joined, entry(who)));
    }

    private PresenceEntry entry(org.pujiang.space.PresenceEntry e) {
        return new PresenceEntry(Clip.utf8(e.userId(), PresenceEntry.USER_ID_MAX_BYTES),
                Clip.utf8(e.displayName(), PresenceEntry.DISPLAY_NAME_MAX_BYTES), live.role(e.userId()));
    }

    @Override
    public void voice(int fromLocalId, VoiceKind kind, String payload) {
        send(new VoiceRelay(fromLocalId, kind, payload));
    }

    @Override
    public void error(ErrorCode code, String message) {
        send(new ErrorMessage(code.code(), Clip.utf8(message, ErrorMessage.MESSAGE_MAX_BYTES)));
    }

    @Override
    public void goodbye(ErrorCode code, String reason) {
        if (!welcomed) {
            // The engine refuses a Join (SPACE_FULL, SHUTTING_DOWN) with error + goodbye to a sink that
            // never became a client; the protocol keeps the connection open after a refused Join.
            live.outbox().post(connection.context(), () -> connection.joinRefused(this));
            return;
        }
        send(new Goodbye(code.code(), Clip.utf8(reason, Goodbye.REASON_MAX_BYTES)));
        metrics.goodbye(code.name());
        // after the Goodbye's write, which the outbox runs first
        live.outbox().post(connection.context(), () -> connection.endedBySpace(this));
    }

    @Override
    public int backlog() {
        return statesInFlight.get();
    }

    private void send(ServerMessage message) {
        if (detached) {
            return;
        }
        Buffer frame = frame(Frames.encode(message, out.reset()));
        live.outbox().post(connection.context(), () -> ws.writeBinaryMessage(frame));
    }

    private Buffer frame(FrameWriter w) {
        live.outbox().sent(w.size());
        return Buffer.buffer(w.toByteArray());
    }
}
