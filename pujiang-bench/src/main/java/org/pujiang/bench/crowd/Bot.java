package org.pujiang.bench.crowd;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.pujiang.protocol.DecodeResult;
import org.pujiang.protocol.Frames;
import org.pujiang.protocol.ProtocolVersion;
import org.pujiang.protocol.codec.FrameReader;
import org.pujiang.protocol.message.Enter;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ErrorMessage;
import org.pujiang.protocol.message.Exit;
import org.pujiang.protocol.message.Goodbye;
import org.pujiang.protocol.message.Hello;
import org.pujiang.protocol.message.Input;
import org.pujiang.protocol.message.Join;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.Leave;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.State;
import org.pujiang.protocol.message.Welcome;

/**
 * One simulated client: gets a guest token, opens a WebSocket, says Hello, joins the space and sends
 * Input at the configured rate while its {@link Walker} wanders. Everything runs on the bot's own
 * event-loop context; shared counters live in {@link CrowdRun}.
 */
final class Bot {
    final int index;
    final SentPositions sent = new SentPositions();
    private final CrowdRun run;
    private final Context context;
    private final FrameReader reader = new FrameReader();
    /** This connection's entity ids of other bots, with the last position seen of each. */
    private final Map<Integer, Seen> byEntity = new HashMap<>();

    /** Another bot in view: which bot, and the key of the last position this bot saw it at. */
    private static final class Seen {
        final Bot bot;
        long lastKey = Long.MIN_VALUE;

        Seen(Bot bot) {
            this.bot = bot;
        }
    }
    private WebSocket ws;
    private String userId;
    private Joined joined;
    private Walker walker;
    private long timerId = -1;
    private int seq;
    private long lastStepNanos;
    private long lastSendNanos;
    private boolean joinCounted;
    private boolean closing;
    private String goodbye;

    Bot(int index, CrowdRun run, Context context) {
        this.index = index;
        this.run = run;
        this.context = context;
    }

    void start() {
        context.runOnContext(v -> fetchToken());
    }

    private void fetchToken() {
        RequestOptions req = new RequestOptions().setMethod(HttpMethod.POST).setHost(run.host).setPort(run.port)
                .setSsl(run.ssl).setURI("/api/auth/guest").putHeader("content-type", "application/json");
        run.http.request(req)
                .compose(r -> r.send(new JsonObject().put("displayName", "bot-" + index).toBuffer()))
                .compose(resp -> resp.statusCode() / 100 == 2 ? resp.body()
                        : io.vertx.core.Future.failedFuture("HTTP " + resp.statusCode()))
                .onSuccess(body -> connect(body.toJsonObject().getString("token")))
                .onFailure(e -> failJoin("token: " + e.getMessage()));
    }

    private void connect(String token) {
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(run.host).setPort(run.port).setSsl(run.ssl)
                .setURI(run.path);
        run.ws.connect(o).onSuccess(s -> {
            ws = s;
            s.binaryMessageHandler(this::onFrame);
            s.closeHandler(v -> onClose());
            s.exceptionHandler(e -> run.count(run.errors, "ws-exception"));
            send(Frames.encode(new Hello(1, ProtocolVersion.CURRENT, token, "pujiang-bench")));
        }).onFailure(e -> failJoin("connect: " + e.getMessage()));
    }

    private void failJoin(String why) {
        if (!joinCounted) {
            joinCounted = true;
            run.joinFailed(why);
        }
    }

    private void send(byte[] frame) {
        ws.writeBinaryMessage(Buffer.buffer(frame));
        run.txMsgs.increment();
        run.txBytes.add(frame.length);
    }

    private void onFrame(Buffer buf) {
        byte[] bytes = buf.getBytes();
        run.rxMsgs.increment();
        run.rxBytes.add(bytes.length);
        if (bytes.length > 1) {
            run.rxByType[bytes[1] & 0xFF].increment();
        }
        DecodeResult<ServerMessage> r = Frames.decodeServer(bytes, 0, bytes.length, reader);
        if (!(r instanceof DecodeResult.Ok<ServerMessage> ok)) {
            run.count(run.errors, "undecodable");
            return;
        }
        switch (ok.message()) {
            case State s -> onState(s);
            case Enter e -> onEnter(e);
            case Exit e -> byEntity.remove(e.entity());
            case Welcome w -> {
                userId = w.userId();
                run.botsByUser.put(userId, this);
                send(Frames.encode(Join.fresh(run.spaceId)));
            }
            case Joined j -> joined = j;
            case ErrorMessage e -> {
                String code = ErrorCode.fromCode(e.code()).map(Enum::name).orElse("code-" + e.code());
                run.count(run.errors, code);
                if (walker == null && (e.code() == ErrorCode.SPACE_NOT_FOUND.code()
                        || e.code() == ErrorCode.SPACE_FULL.code() || e.code() == ErrorCode.FORBIDDEN.code()
                        || e.code() == ErrorCode.ALREADY_JOINED.code())) {
                    failJoin("join: " + code);
                }
            }
            case Goodbye g -> goodbye = ErrorCode.fromCode(g.code()).map(Enum::name).orElse("code-" + g.code());
            default -> { }
        }
    }

    private void onEnter(Enter e) {
        if (joined != null && e.entity() == joined.selfEntity()) {
            if (walker == null) {
                EntityUpdate s = e.state();
                walker = new Walker(run.seed * 1_000_003L + index, joined.minX(), joined.maxX(), joined.minZ(),
                        joined.maxZ(), s.x(), s.y(), s.z(), run.pois(s.x(), s.z(), joined));
                lastStepNanos = System.nanoTime();
                timerId = context.owner().setPeriodic(run.periodMs, id -> tick());
                if (!joinCounted) {
                    joinCounted = true;
                    run.joinedOk();
                }
            }
            return;
        }
        Bot other = run.botsByUser.get(e.userId());
        if (other != null) {
            Seen seen = new Seen(other);
            EntityUpdate st = e.state();
            seen.lastKey = SentPositions.key(st.xCm(), st.yCm(), st.zCm());
            byEntity.put(e.entity(), seen);
        }
    }

    private void onState(State s) {
        long now = System.nanoTime();
        boolean measuring = run.measuring;
        int self = joined == null ? -1 : joined.selfEntity();
        for (EntityUpdate u : s.updates()) {
            if ((u.mask() & EntityUpdate.POS) == 0) {
                continue;
            }
            if (u.entity() == self) {
                run.corrections.increment();
                continue;
            }
            Seen other = byEntity.get(u.entity());
            if (other == null) {
                continue;
            }
            long key = SentPositions.key(u.xCm(), u.yCm(), u.zCm());
            if (key == other.lastKey) {
                continue; // the same position again (another field changed): no move to time
            }
            other.lastKey = key;
            if (!measuring) {
                continue;
            }
            long sentAt = other.bot.sent.sentAt(key);
            if (sentAt >= 0) {
                run.seen.recordValue(Math.max(0, (now - sentAt) / 1000));
            } else {
                run.unmatched.increment();
            }
        }
    }

    private void tick() {
        if (closing || ws == null || ws.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastSendNanos < run.periodMs * 600_000L) {
            // A late timer firing its missed runs back to back: send at most the rate, as a client
            // driven by its frame clock would, rather than a burst the server's rate limit refuses.
            run.skippedInputs.increment();
            return;
        }
        walker.step((now - lastStepNanos) / 1e9);
        lastStepNanos = now;
        float x = (float) walker.x();
        float y = (float) walker.y();
        float z = (float) walker.z();
        long clientMs = (now - run.epochNanos) / 1_000_000;
        Input in = new Input(seq++, x, y, z, (float) walker.heading(), 0f, (float) walker.vx(), 0f,
                (float) walker.vz(), walker.paused() ? 0 : 1, clientMs);
        if (ws.writeQueueFull()) {
            run.skippedInputs.increment();
            return;
        }
        lastSendNanos = now;
        sent.record(SentPositions.key(x, y, z), now);
        send(Frames.encode(in));
    }

    void stop() {
        context.runOnContext(v -> {
            closing = true;
            if (timerId >= 0) {
                context.owner().cancelTimer(timerId);
            }
            if (ws != null && !ws.isClosed()) {
                // Leave first, so the server removes the avatar at once rather than keeping it for a resume.
                if (walker != null) {
                    send(Frames.encode(Leave.INSTANCE));
                }
                context.owner().setTimer(300, id -> ws.close());
            }
        });
    }

    private void onClose() {
        if (timerId >= 0) {
            context.owner().cancelTimer(timerId);
            timerId = -1;
        }
        if (closing) {
            return;
        }
        String reason = goodbye != null ? "goodbye:" + goodbye : "close:" + ws.closeStatusCode();
        run.count(run.disconnects, reason);
        failJoin("closed before joining (" + reason + ")");
    }
}
