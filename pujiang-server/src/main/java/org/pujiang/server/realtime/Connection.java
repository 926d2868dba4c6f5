package org.pujiang.server.realtime;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import org.pujiang.protocol.DecodeResult;
import org.pujiang.protocol.Frames;
import org.pujiang.protocol.ProtocolVersion;
import org.pujiang.protocol.codec.FrameReader;
import org.pujiang.protocol.codec.FrameWriter;
import org.pujiang.protocol.message.Chat;
import org.pujiang.protocol.message.ClientMessage;
import org.pujiang.protocol.message.Emote;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ErrorMessage;
import org.pujiang.protocol.message.Goodbye;
import org.pujiang.protocol.message.Grab;
import org.pujiang.protocol.message.Hello;
import org.pujiang.protocol.message.Input;
import org.pujiang.protocol.message.Join;
import org.pujiang.protocol.message.Leave;
import org.pujiang.protocol.message.Moderate;
import org.pujiang.protocol.message.MoveObject;
import org.pujiang.protocol.message.Ping;
import org.pujiang.protocol.message.Pong;
import org.pujiang.protocol.message.PresenceEntry;
import org.pujiang.protocol.message.Release;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.TwinCommand;
import org.pujiang.protocol.message.TwinReply;
import org.pujiang.protocol.message.TwinUpdate;
import org.pujiang.protocol.message.VoiceSignal;
import org.pujiang.protocol.message.Welcome;
import org.pujiang.server.auth.Session;
import org.pujiang.server.auth.User;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.space.Space;
import org.pujiang.space.SpaceCommand;
import org.pujiang.space.SpaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket: the connection state machine of docs/protocol.md (Hello, Welcome, Join,
 * messages, Leave, Goodbye). Decoded messages become {@link SpaceCommand}s offered to the joined space;
 * what the space says comes back through a {@link SocketSink}.
 *
 * <p>Threading: every field is owned by the event loop that accepted the socket. Blocking work (the
 * token check, loading a space) runs on a worker; while it does, further frames wait in order in
 * {@link #pending} so that a client may send Join right behind its Hello. The sink calls
 * {@link #joinRefused} and {@link #endedBySpace} from the tick thread; they hop to the event loop.
 */
final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    /** docs/protocol.md, "Repeated abuse": 10 Errors within 10 s end the connection. */
    static final int ABUSE_ERRORS = 10;
    static final long ABUSE_WINDOW_MS = 10_000;
    /** Frames held while a blocking step runs; a client that sends more is not waiting for answers. */
    static final int PENDING_MAX = 64;

    enum Phase { AWAIT_HELLO, READY, JOINED, CLOSED }

    private final Gateway gateway;
    private final ServerWebSocket ws;
    private final Context context;
    private final Vertx vertx;
    private final FrameReader reader = new FrameReader();
    private final FrameWriter writer = new FrameWriter(128);
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    private final long[] errorTimes = new long[ABUSE_ERRORS];
    private int errorCount;
    private Phase phase = Phase.AWAIT_HELLO;
    private boolean busy;
    private long helloTimer = -1;
    private long pingTimer = -1;
    private long lastHeardNanos = System.nanoTime();
    private boolean closeHandled;
    private User user;
    private SocketSink sink;
    private long clientId;

    Connection(Gateway gateway, ServerWebSocket ws) {
        this.gateway = gateway;
        this.ws = ws;
        this.context = Vertx.currentContext();
        this.vertx = context.owner();
    }

    void start() {
        gateway.metrics.opened();
        ws.binaryMessageHandler(this::onFrame);
        ws.textMessageHandler(text -> goodbye(ErrorCode.MALFORMED, "text messages are not part of the protocol"));
        ws.exceptionHandler(this::onException);
        ws.closeHandler(v -> onClosed());
        // Browsers answer pings by themselves; a peer that answers nothing for three intervals (a phone
        // gone to sleep, a cable pulled) is closed, so that its avatar becomes resumable without waiting
        // for TCP to notice.
        ws.pongHandler(pong -> lastHeardNanos = System.nanoTime());
        long every = Math.max(10, gateway.pingInterval.toMillis());
        pingTimer = vertx.setPeriodic(every, every, id -> {
            if (phase == Phase.CLOSED) {
                vertx.cancelTimer(id);
            } else if (System.nanoTime() - lastHeardNanos > 3 * gateway.pingInterval.toNanos()) {
                gateway.metrics.goodbye("NO_ANSWER");
                close();
                onClosed(); // a dead peer never completes the closing handshake: let go of the avatar now
            } else {
                ws.writePing(Buffer.buffer());
            }
        });
        helloTimer = vertx.setTimer(gateway.helloTimeout.toMillis(), id -> {
            if (phase == Phase.AWAIT_HELLO && !busy) {
                goodbye(ErrorCode.AUTH_FAILED, "no Hello within " + gateway.helloTimeout.toSeconds() + " s");
            }
        });
    }

    // ------------------------------------------------------------------ inbound

    private void onFrame(Buffer frame) {
        if (phase == Phase.CLOSED) {
            return;
        }
        gateway.metrics.received(frame.length());
        lastHeardNanos = System.nanoTime();
        if (busy) {
            if (pending.size() >= PENDING_MAX) {
                goodbye(ErrorCode.RATE_LIMITED, "more than " + PENDING_MAX + " frames sent before an answer");
            } else {
                pending.add(frame);
            }
            return;
        }
        handle(frame);
    }

    private void drainPending() {
        while (!busy && phase != Phase.CLOSED && !pending.isEmpty()) {
            handle(pending.poll());
        }
    }

    private void handle(Buffer frame) {
        byte[] bytes = frame.getBytes();
        if (bytes.length > Frames.MAX_CLIENT_FRAME_BYTES) {
            goodbye(ErrorCode.TOO_LARGE, "a frame of " + bytes.length + " bytes is over the limit of "
                    + Frames.MAX_CLIENT_FRAME_BYTES);
            return;
        }
        DecodeResult<ClientMessage> result = Frames.decodeClient(bytes, 0, bytes.length, reader);
        if (phase == Phase.AWAIT_HELLO) {
            if (result instanceof DecodeResult.Ok<ClientMessage>(Hello hello)) {
                onHello(hello);
            } else {
                goodbye(ErrorCode.AUTH_FAILED, "the first frame must be a Hello");
            }
            return;
        }
        switch (result) {
            case DecodeResult.Ok<ClientMessage>(var message) -> onMessage(message);
            case DecodeResult.Malformed<ClientMessage>(var reason) -> error(ErrorCode.MALFORMED, reason);
            case DecodeResult.UnknownType<ClientMessage>(var type) -> error(ErrorCode.UNKNOWN_TYPE,
                    "type " + Frames.typeName(type) + " is not a client message of version " + ProtocolVersion.CURRENT);
            case DecodeResult.UnsupportedVersion<ClientMessage>(var version) -> {
                // docs/protocol.md, Versioning: another version byte ends the connection
                String why = "frame version " + version + "; this connection speaks " + ProtocolVersion.CURRENT;
                send(new ErrorMessage(ErrorCode.UNSUPPORTED_VERSION.code(), why));
                goodbye(ErrorCode.UNSUPPORTED_VERSION, why);
            }
        }
    }

    private void onHello(Hello hello) {
        vertx.cancelTimer(helloTimer);
        int version = Math.min(hello.maxVersion(), ProtocolVersion.CURRENT);
        if (version < Math.max(hello.minVersion(), ProtocolVersion.MINIMUM)) {
            String why = "the client speaks versions " + hello.minVersion() + ".." + hello.maxVersion()
                    + ", the server " + ProtocolVersion.MINIMUM + ".." + ProtocolVersion.CURRENT;
            send(new ErrorMessage(ErrorCode.UNSUPPORTED_VERSION.code(), why));
            goodbye(ErrorCode.UNSUPPORTED_VERSION, why);
            return;
        }
        busy = true;
        vertx.executeBlocking(() -> gateway.auth.authenticate(hello.token()), false).onComplete(ar -> {
            busy = false;
            if (phase == Phase.CLOSED) {
                return;
            }
            if (ar.failed()) {
                String why = ar.cause() instanceof ApiException e ? e.getMessage() : "the token could not be checked";
                if (!(ar.cause() instanceof ApiException)) {
                    log.warn("token check failed: {}", ar.cause().toString());
                }
                send(new ErrorMessage(ErrorCode.AUTH_FAILED.code(), Clip.utf8(why, ErrorMessage.MESSAGE_MAX_BYTES)));
                goodbye(ErrorCode.AUTH_FAILED, Clip.utf8(why, Goodbye.REASON_MAX_BYTES));
                return;
            }
            Session session = ar.result();
            user = session.user();
            phase = Phase.READY;
            send(new Welcome(version, System.currentTimeMillis(), gateway.live.tickHz(), user.id().toString(),
                    Clip.utf8(user.displayName(), PresenceEntry.DISPLAY_NAME_MAX_BYTES), user.role().wireName()));
            drainPending();
        });
    }

    private void onMessage(ClientMessage message) {
        switch (message) {
            case Hello h -> error(ErrorCode.INVALID_INPUT, "Hello was already sent on this connection");
            case Ping p -> send(new Pong(p.clientTimeMs(), System.currentTimeMillis()));
            case Join j -> onJoin(j);
            case TwinCommand t -> onTwinCommand(t);
            case Leave l -> {
                if (sink == null) {
                    error(ErrorCode.NOT_JOINED, "Leave while not in a space");
                } else {
                    sink.live().engine().offer(new SpaceCommand.Leave(clientId));
                    sink.detach();
                    sink = null;
                    phase = Phase.READY;
                }
            }
            default -> {
                if (sink == null) {
                    error(ErrorCode.NOT_JOINED, message.getClass().getSimpleName() + " needs a joined space");
                } else if (!sink.live().engine().offer(command(message))) {
                    log.debug("inbox of space {} is full; dropped a {}", sink.live().id(),
                            message.getClass().getSimpleName());
                }
            }
        }
    }

    /** The command for a message that needs a space. */
    private SpaceCommand command(ClientMessage message) {
        long id = clientId;
        return switch (message) {
            case Input m -> new SpaceCommand.Move(id, m.seq(), m.x(), m.y(), m.z(), m.yaw(), m.pitch(), m.vx(), m.vy(),
                    m.vz(), m.anim(), m.clientTimeMs());
            case Chat m -> new SpaceCommand.Chat(id, m.scope(),
                    m.toEntity(), m.text());
            case Emote m -> new SpaceCommand.Emote(id, m.emote());
            case Grab m -> new SpaceCommand.Grab(id, m.objectEntity());
            case MoveObject m -> new SpaceCommand.MoveObject(id, m.objectEntity(), m.x(), m.y(), m.z(), m.yaw());
            case Release m -> new SpaceCommand.Release(id, m.objectEntity());
            case VoiceSignal m -> new SpaceCommand.VoiceSignal(id, m.toEntity(),
                    m.kind(), m.payload());
            case Moderate m -> new SpaceCommand.Moderate(id,
                    m.action(), m.targetEntity(), m.reason());
            case Hello m -> throw new IllegalStateException("Hello has no command");
            case Join m -> throw new IllegalStateException("Join has no command");
            case Leave m -> new SpaceCommand.Leave(id);
            case Ping m -> throw new IllegalStateException("Ping has no command"); // answered by the gateway
            case TwinCommand m -> throw new IllegalStateException("TwinCommand has no command");
        };
    }

    private record Opened(Space stored, LiveSpace live) {}

    private void onJoin(Join join) {
        if (sink != null) {
            error(ErrorCode.ALREADY_JOINED, "already in space " + sink.live().id() + "; Leave first");
            return;
        }
        User who = user;
        SpaceId id = new SpaceId(join.spaceId());
        busy = true;
        vertx.executeBlocking(() -> {
            Space stored = gateway.spaces.get(who, id);
            return new Opened(stored, gateway.live.open(stored));
        }, false).onComplete(ar -> {
            busy = false;
            if (phase == Phase.CLOSED) {
                return;
            }
            if (ar.failed()) {
                if (ar.cause() instanceof ApiException) {
                    // SpaceService reports a private space the user may not see as not found
                    error(ErrorCode.SPACE_NOT_FOUND, "no space " + id + " that you may enter");
                } else {
                    log.warn("opening space {} failed: {}", id, ar.cause().toString());
                    error(ErrorCode.SPACE_NOT_FOUND, "space " + id + " could not be opened");
                }
            } else {
                enter(ar.result(), join.resumeKey());
            }
            drainPending();
        });
    }

    private void enter(Opened opened, long resumeKey) {
        LiveSpace live = opened.live();
        boolean host = user.id().equals(opened.stored().ownerId()) || user.role().managesAllSpaces();
        String userId = user.id().toString();
        live.roles().put(userId, user.role().wireName());
        SocketSink s = new SocketSink(this, ws, live, gateway.metrics);
        long id = gateway.nextClientId();
        if (!live.engine().offer(new SpaceCommand.Join(id, userId, user.displayName(), host, resumeKey, s))) {
            error(ErrorCode.SPACE_FULL, "space " + live.id() + " is too busy to take a Join; try again");
            return;
        }
        sink = s;
        clientId = id;
        phase = Phase.JOINED;
    }

    // ------------------------------------------------------------------ from the space (tick thread)

    /** The event loop this connection lives on. */
    Context context() {
        return context;
    }

    /** The space refused the Join: the connection stays open. Any thread. */
    void joinRefused(SocketSink refused) {
        context.runOnContext(v -> {
            if (sink == refused) {
                sink = null;
                phase = Phase.READY;
            }
        });
    }

    /** The space said Goodbye (already written): close. Any thread. */
    void endedBySpace(SocketSink ended) {
        context.runOnContext(v -> {
            if (sink == ended) {
                sink = null; // the engine has forgotten the client: no Disconnect
                close();
            }
        });
    }

    // ------------------------------------------------------------------ twins

    /** Twin commands go to the twin service, not the space; the reply comes back on this connection's loop. */
    private void onTwinCommand(TwinCommand t) {
        if (sink == null) {
            send(new TwinReply(t.requestId(), false, "twin:not-in-space", "join a space first", "null"));
            return;
        }
        SocketSink current = sink;
        gateway.twins.command(user, current.live().id(), t).whenComplete((reply, e) -> context.runOnContext(v -> {
            if (phase == Phase.CLOSED) {
                return;
            }
            send(e == null ? reply : new TwinReply(t.requestId(), false, "server:internal",
                    "the command failed on the server", "null"));
        }));
    }

    /** Sends the full state of the space's bound twins; called on the loop right after Joined was written. */
    void sendTwinSnapshot(SpaceId space) {
        gateway.twins.snapshot(space).whenComplete((states, e) -> context.runOnContext(v -> {
            if (e != null || phase == Phase.CLOSED || sink == null || !sink.live().id().equals(space)) {
                return;
            }
            long now = System.currentTimeMillis();
            states.forEach((twin, json) -> {
                if (json.length() <= TwinUpdate.JSON_MAX_BYTES / 4) {
                    send(new TwinUpdate(twin, json, now));
                } else {
                    log.warn("twin {} state is too large for one update ({} chars); not sent", twin, json.length());
                }
            });
        }));
    }

    // ------------------------------------------------------------------ outbound

    private void send(ServerMessage message) {
        Frames.encode(message, writer.reset());
        gateway.metrics.sent(writer.size());
        ws.writeBinaryMessage(Buffer.buffer(writer.toByteArray()));
    }

    /** An Error the gateway itself answers; {@value #ABUSE_ERRORS} within the window end the connection. */
    private void error(ErrorCode code, String message) {
        send(new ErrorMessage(code.code(), Clip.utf8(message, ErrorMessage.MESSAGE_MAX_BYTES)));
        long now = System.currentTimeMillis();
        errorTimes[errorCount++ % ABUSE_ERRORS] = now;
        // the slot after the newest holds the error ABUSE_ERRORS - 1 before it
        if (errorCount >= ABUSE_ERRORS && now - errorTimes[errorCount % ABUSE_ERRORS] < ABUSE_WINDOW_MS) {
            goodbye(code, ABUSE_ERRORS + " errors within " + ABUSE_WINDOW_MS / 1000 + " s");
        }
    }

    private void goodbye(ErrorCode code, String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        send(new Goodbye(code.code(), Clip.utf8(reason, Goodbye.REASON_MAX_BYTES)));
        gateway.metrics.goodbye(code.name());
        close();
    }

    private void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        pending.clear();
        ws.close();
    }

    private void onException(Throwable e) {
        if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("max message size")) {
            goodbye(ErrorCode.TOO_LARGE, "a message over " + Frames.MAX_CLIENT_FRAME_BYTES + " bytes");
        } else {
            log.debug("WebSocket error: {}", e.toString());
        }
    }

    private void onClosed() {
        if (closeHandled) {
            return;
        }
        closeHandled = true;
        phase = Phase.CLOSED;
        vertx.cancelTimer(helloTimer);
        vertx.cancelTimer(pingTimer);
        pending.clear();
        if (sink != null) {
            // keeps the avatar, resumable, for the resume window
            sink.detach();
            sink.live().engine().offer(new SpaceCommand.Disconnect(clientId));
            sink = null;
        }
        gateway.metrics.closed();
    }
}
