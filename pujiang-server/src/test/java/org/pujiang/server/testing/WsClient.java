package org.pujiang.server.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.pujiang.protocol.DecodeResult;
import org.pujiang.protocol.Frames;
import org.pujiang.protocol.message.ClientMessage;
import org.pujiang.protocol.message.Hello;
import org.pujiang.protocol.message.Join;
import org.pujiang.protocol.message.ServerMessage;

/**
 * A blocking test client for the real-time protocol over a real WebSocket (the JDK's client): sends
 * frames, decodes what the server sends with {@link Frames#decodeServer} and lets a test wait for the
 * message it expects. Messages passed over while waiting are kept in {@link #seen()}.
 */
public final class WsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();
    private final List<ServerMessage> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(String wsUrl) {
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(wsUrl), new Listener()).join();
    }

    /** Opens {@code /ws} on the server at {@code baseUrl} ({@code http://host:port}). */
    public static WsClient connect(String baseUrl) {
        return connectPath(baseUrl, "/ws");
    }

    public static WsClient connectPath(String baseUrl, String path) {
        return new WsClient(baseUrl.replaceFirst("^http", "ws") + path);
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                switch (Frames.decodeServer(frame)) {
                    case DecodeResult.Ok<ServerMessage>(var m) -> inbox.add(m);
                    case DecodeResult<ServerMessage> bad -> closed.completeExceptionally(
                            new AssertionError("the server sent a frame that does not decode: " + bad));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            closed.completeExceptionally(new AssertionError("the server sent a text message: " + data));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }

    public void send(ClientMessage message) {
        sendFrame(Frames.encode(message));
    }

    /** Sends any bytes as one binary message; false when the socket is already closed. */
    public boolean sendFrame(byte[] frame) {
        try {
            socket.sendBinary(ByteBuffer.wrap(frame), true).get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends Hello with {@code token}; the caller awaits the answer. */
    public void hello(String token) {
        send(new Hello(1, 1, token, "test"));
    }

    public void join(UUID spaceId, long resumeKey) {
        send(new Join(spaceId, resumeKey));
    }

    /** The next message of {@code type} that matches, skipping (and keeping in {@link #seen}) the others. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerMessage m;
            try {
                m = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (m == null) {
                throw new AssertionError("no " + type.getSimpleName() + " as expected within " + timeout
                        + "; last messages: " + seen.subList(Math.max(0, seen.size() - 10), seen.size()));
            }
            if (type.isInstance(m) && match.test(type.cast(m))) {
                return type.cast(m);
            }
            seen.add(m);
        }
    }

    public <T extends ServerMessage> T await(Class<T> type) {
        return await(type, m -> true, Duration.ofSeconds(5));
    }

    /** The next message of any kind. */
    public ServerMessage next(Duration timeout) {
        return await(ServerMessage.class, m -> true, timeout);
    }

    /** Takes every message received so far into {@link #seen} and returns them all. */
    public List<ServerMessage> drain() {
        inbox.drainTo(seen);
        return seen;
    }

    /** Messages skipped by {@link #await}. */
    public List<ServerMessage> seen() {
        return seen;
    }

    /** Waits for the server to close the socket; the WebSocket close status, or -1 on an abort. */
    public int awaitClosed(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("the server did not close the socket within " + timeout, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close handshake, as a lost network does. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
