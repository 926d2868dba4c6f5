package org.pujiang.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.protocol.Frames;
import org.pujiang.protocol.message.Enter;
import org.pujiang.protocol.message.Hello;
import org.pujiang.protocol.message.Input;
import org.pujiang.protocol.message.Join;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.Ping;
import org.pujiang.protocol.message.Pong;
import org.pujiang.protocol.message.VoiceKind;
import org.pujiang.protocol.message.VoiceSignal;
import org.pujiang.protocol.message.Welcome;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;
import org.pujiang.server.testing.WsClient;

/**
 * A client that stops reading is dropped with TOO_SLOW and does not slow anyone else: the socket's
 * unfinished writes are what {@code ClientSink.backlog()} reports to the engine. Several talkers relay
 * voice payloads to a client whose raw socket never reads, until the kernel buffers are full.
 */
class RealtimeBackpressureTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int TALKERS = 8;

    @Test
    void aPeerThatAnswersNoPingsIsLetGoWhileOthersStay(@TempDir Path temp) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp)) {
            PujiangServer server = TestServers.start(db, temp.resolve("data"), Map.of("ws.ping-interval", "PT0.2S"));
            try (Socket silent = new Socket(); WsClient alive = WsClient.connect(server.baseUrl())) {
                ApiClient api = new ApiClient(server.baseUrl());
                String owner = api.member("pingowner");
                UUID space = UUID.fromString(api.post("/api/spaces", owner, new JsonObject().put("name", "pings")
                        .put("template", "meeting").put("visibility", "public")).json().getString("id"));
                alive.hello(api.guest());
                alive.await(Welcome.class);
                alive.join(space, 0);
                alive.await(Joined.class);

                silent.connect(new InetSocketAddress("127.0.0.1", server.port()));
                OutputStream out = silent.getOutputStream();
                out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                skipHeaders(silent.getInputStream());
                writeMaskedFrame(out, Frames.encode(new Hello(1, 1, api.guest(), "silent")));
                writeMaskedFrame(out, Frames.encode(new Join(space, 0)));
                // from here on the silent peer sends nothing, not even a pong
                String guest = api.guest();
                assertThat(online(api, space, guest, 2)).as("both joined").isEqualTo(2);
                assertThat(online(api, space, guest, 1)).as("the silent one is let go").isEqualTo(1);
                // the one that answers pings (Java's WebSocket does by itself) stays, well past 3 intervals
                Thread.sleep(1000);
                alive.send(new Ping(7));
                alive.await(Pong.class, p -> p.clientTimeMs() == 7, WAIT);
                assertThat(online(api, space, guest, 1)).isEqualTo(1);
                assertThat(api.get("/metrics", null).body()).contains("code=\"NO_ANSWER\"");
            } finally {
                server.close();
            }
        }
    }

    /** The space's online count once it is {@code expected}, or the last one read within 10 s. */
    private static int online(ApiClient api, UUID space, String token, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int n;
        while ((n = api.get("/api/spaces/" + space, token).json().getInteger("online")) != expected
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return n;
    }

    @Test
    void aClientThatStopsReadingIsDroppedAsTooSlow(@TempDir Path temp) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp)) {
            PujiangServer server = TestServers.start(db, temp.resolve("data"), Map.of());
            List<WsClient> talkers = new ArrayList<>();
            try (Socket slow = new Socket()) {
                ApiClient api = new ApiClient(server.baseUrl());
                String owner = api.member("bpowner");
                UUID space = UUID.fromString(api.post("/api/spaces", owner, new JsonObject().put("name", "slow")
                        .put("template", "meeting").put("visibility", "public")).json().getString("id"));
                List<Enter> spawns = new ArrayList<>();
                for (int i = 0; i < TALKERS; i++) {
                    WsClient t = WsClient.connect(server.baseUrl());
                    talkers.add(t);
                    t.hello(api.guest());
                    t.await(Welcome.class);
                    t.join(space, 0);
                    int self = t.await(Joined.class).selfEntity();
                    spawns.add(t.await(Enter.class, e -> e.entity() == self, WAIT));
                }

                slow.setReceiveBufferSize(4096);
                slow.connect(new InetSocketAddress("127.0.0.1", server.port()));
                OutputStream out = slow.getOutputStream();
                out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                skipHeaders(slow.getInputStream());
                String slowToken = api.guest();
                String slowUser = api.get("/api/me", slowToken).json().getString("id");
                writeMaskedFrame(out, Frames.encode(new Hello(1, 1, slowToken, "slow")));
                writeMaskedFrame(out, Frames.encode(new Join(space, 0)));
                // from here on the slow client reads nothing
                List<Integer> slowIds = new ArrayList<>();
                for (int i = 0; i < TALKERS; i++) {
                    slowIds.add(talkers.get(i).await(Enter.class, e -> e.userId().equals(slowUser), WAIT).entity());
                }

                String payload = "x".repeat(8000);
                String tooSlow = "pujiang_space_goodbyes_total{code=\"TOO_SLOW\",space=\"" + space + "\"} 1.0";
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // about 10 s with 4 MiB socket buffers
                boolean dropped = false;
                for (int seq = 0; !dropped && System.nanoTime() < deadline; seq++) {
                    for (int i = 0; i < TALKERS; i++) {
                        Enter spawn = spawns.get(i);
                        float x = spawn.state().x() + (seq % 2 == 0 ? 0.2f : -0.2f);
                        talkers.get(i).send(new Input(seq, x, spawn.state().y(), spawn.state().z(), 0, 0, 0, 0, 0, 0,
                                System.currentTimeMillis()));
                        talkers.get(i).send(new VoiceSignal(slowIds.get(i), VoiceKind.OFFER, payload));
                    }
                    Thread.sleep(50);
                    if (seq % 10 == 0) {
                        dropped = api.get("/metrics", null).body().contains(tooSlow);
                    }
                }
                assertThat(dropped).as("the space said goodbye TOO_SLOW to the client that stopped reading").isTrue();
                // the others were never slowed down: they still get answers at once
                for (WsClient t : talkers) {
                    t.send(new Ping(3));
                    t.await(Pong.class, p -> true, WAIT);
                }
            } finally {
                talkers.forEach(WsClient::close);
                server.close();
            }
        }
    }

    private static void skipHeaders(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) { // the upgrade response ends with an empty line
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the socket during the upgrade");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    /** A client frame as RFC 6455 wants it: FIN + binary, masked with a zero key, so the payload is as is. */
    private static void writeMaskedFrame(OutputStream out, byte[] payload) throws IOException {
        out.write(0x82);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(new byte[4]);
        out.write(payload);
        out.flush();
    }
}
