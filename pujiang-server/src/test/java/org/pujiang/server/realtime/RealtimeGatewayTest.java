package org.pujiang.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.protocol.Frames;
import org.pujiang.protocol.message.Chat;
import org.pujiang.protocol.message.ChatEvent;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.Enter;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.ErrorMessage;
import org.pujiang.protocol.message.Exit;
import org.pujiang.protocol.message.Goodbye;
import org.pujiang.protocol.message.Grab;
import org.pujiang.protocol.message.Holder;
import org.pujiang.protocol.message.Input;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.Ping;
import org.pujiang.protocol.message.Pong;
import org.pujiang.protocol.message.Presence;
import org.pujiang.protocol.message.ServerMessage;
import org.pujiang.protocol.message.State;
import org.pujiang.protocol.message.Welcome;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;
import org.pujiang.server.testing.WsClient;

/**
 * The real-time gateway over real sockets against a whole server (H2, port 0): the connection
 * lifecycle, joining, seeing others move, chat scopes, object grabs, resume, refusals and abuse.
 * Each test makes its own spaces, so that avatars lingering for resume do not leak between tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeGatewayTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger SEQ = new AtomicInteger();

    TestDatabase db;
    PujiangServer server;
    ApiClient api;
    String owner;
    final List<WsClient> clients = new ArrayList<>();
    final Map<WsClient, Welcome> welcomes = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void start(@TempDir Path temp) {
        db = TestDatabase.create(TestDatabase.Kind.H2, temp);
        server = TestServers.start(db, temp.resolve("data"), Map.of("ws.hello-timeout", "PT1S"));
        api = new ApiClient(server.baseUrl());
        owner = api.member("wsowner" + System.nanoTime() % 100000);
    }

    @AfterAll
    void stop() {
        clients.forEach(WsClient::close);
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private WsClient connect() {
        WsClient c = WsClient.connect(server.baseUrl());
        clients.add(c);
        return c;
    }

    /** A connection past Hello with a fresh guest token. */
    private WsClient guest() {
        WsClient c = connect();
        c.hello(api.guest());
        welcomes.put(c, c.await(Welcome.class));
        return c;
    }

    private UUID space(String template, String visibility, int capacity) {
        JsonObject body = new JsonObject().put("name", "ws test " + SEQ.incrementAndGet()).put("template", template)
                .put("visibility", visibility).put("capacity", capacity);
        ApiClient.Res r = api.post("/api/spaces", owner, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return UUID.fromString(r.json().getString("id"));
    }

    private static ServerMessage joinAnswer(WsClient c, UUID space, long resumeKey) {
        c.join(space, resumeKey);
        return c.await(ServerMessage.class, m -> m instanceof Joined || m instanceof ErrorMessage, WAIT);
    }

    private static Joined join(WsClient c, UUID space) {
        ServerMessage answer = joinAnswer(c, space, 0);
        assertThat(answer).isInstanceOf(Joined.class);
        return (Joined) answer;
    }

    /** The id {@code viewer} has for the avatar of {@code userId}, from its Enter. */
    private static int avatarOf(WsClient viewer, String userId) {
        return viewer.await(Enter.class, e -> e.kind() == EntityKind.AVATAR && e.userId().equals(userId), WAIT)
                .entity();
    }

    private String userId(WsClient c) {
        return welcomes.get(c).userId();
    }

    private static Input input(int seq, float x, float y, float z) {
        return new Input(seq, x, y, z, 0, 0, 0, 0, 0, 0, System.currentTimeMillis());
    }

    /** The first State update of {@code entity} whose position satisfies {@code x} ≈ the given value. */
    private static EntityUpdate awaitPosition(WsClient viewer, int entity, float x) {
        State s = viewer.await(State.class, st -> st.updates().stream()
                .anyMatch(u -> u.entity() == entity && u.has(EntityUpdate.POS) && Math.abs(u.x() - x) < 0.02), WAIT);
        return s.updates().stream().filter(u -> u.entity() == entity).findFirst().orElseThrow();
    }

    // ---- connection lifecycle ------------------------------------------------------------------

    @Test
    void theSpaceListShowsHowManyAreOnline() throws Exception {
        UUID space = space("meeting", "public", 10);
        String guestToken = api.guest();
        assertThat(online(space, guestToken)).isZero();
        WsClient a = guest();
        WsClient b = guest();
        join(a, space);
        join(b, space);
        assertThat(onlineEventually(space, guestToken, 2)).isEqualTo(2);
        a.send(new org.pujiang.protocol.message.Leave());
        assertThat(onlineEventually(space, guestToken, 1)).isEqualTo(1);
        ApiClient.Res listed = api.get("/api/spaces?size=100", guestToken);
        assertThat(listed.items().stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("id").equals(space.toString())).findFirst().orElseThrow()
                .getInteger("online")).isEqualTo(1);
    }

    private int online(UUID space, String token) {
        ApiClient.Res r = api.get("/api/spaces/" + space, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getInteger("online");
    }

    /** The online count once it equals {@code expected}, or the last one read after the wait. */
    private int onlineEventually(UUID space, String token, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int n;
        while ((n = online(space, token)) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return n;
    }

    @Test
    void helloWithAGuestTokenIsWelcomed() {
        WsClient c = connect();
        c.hello(api.guest());
        Welcome w = c.await(Welcome.class);
        assertThat(w.version()).isEqualTo(1);
        assertThat(w.role()).isEqualTo("guest");
        assertThat(w.tickHz()).isEqualTo(20);
        assertThat(w.serverTimeMs()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5000L));

        c.send(new Ping(1234));
        Pong p = c.await(Pong.class);
        assertThat(p.clientTimeMs()).isEqualTo(1234);
    }

    @Test
    void aBadTokenGetsAuthFailedAndTheSocketCloses() {
        WsClient c = connect();
        c.hello("pj1.not-a-token");
        assertThat(c.await(ErrorMessage.class).code()).isEqualTo(ErrorCode.AUTH_FAILED.code());
        assertThat(c.await(Goodbye.class).code()).isEqualTo(ErrorCode.AUTH_FAILED.code());
        c.awaitClosed(WAIT);
    }

    @Test
    void aFirstFrameThatIsNotHelloGetsAuthFailed() {
        WsClient c = connect();
        c.send(new Ping(1));
        assertThat(c.await(Goodbye.class).code()).isEqualTo(ErrorCode.AUTH_FAILED.code());
        c.awaitClosed(WAIT);
    }

    @Test
    void noHelloWithinTheTimeoutGetsGoodbye() {
        WsClient c = connect(); // the test server's ws.hello-timeout is 1 s
        assertThat(c.await(Goodbye.class).code()).isEqualTo(ErrorCode.AUTH_FAILED.code());
        c.awaitClosed(WAIT);
    }

    @Test
    void otherUpgradePathsAreRefused() {
        assertThatThrownBy(() -> WsClient.connectPath(server.baseUrl(), "/api/ws")).isInstanceOf(Exception.class);
    }

    @Test
    void textMessagesAndOversizedFramesEndTheConnection() {
        WsClient text = guest();
        text.sendText("hello");
        assertThat(text.await(Goodbye.class).code()).isEqualTo(ErrorCode.MALFORMED.code());
        text.awaitClosed(WAIT);

        WsClient big = guest();
        big.sendFrame(new byte[Frames.MAX_CLIENT_FRAME_BYTES + 1]);
        assertThat(big.await(Goodbye.class).code()).isEqualTo(ErrorCode.TOO_LARGE.code());
        big.awaitClosed(WAIT);
    }

    @Test
    void badFramesAreAnsweredAndTenOfThemEndTheConnection() {
        WsClient c = guest();
        c.sendFrame(new byte[] {1, 0x7F});
        assertThat(c.await(ErrorMessage.class).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE.code());
        c.sendFrame(new byte[] {1, 0x04, 1});
        assertThat(c.await(ErrorMessage.class).code()).isEqualTo(ErrorCode.MALFORMED.code());
        c.send(new Grab(1));
        assertThat(c.await(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_JOINED.code());
        for (int i = 0; i < 7; i++) {
            c.sendFrame(new byte[] {1, 0x04});
        }
        assertThat(c.await(Goodbye.class).code()).isEqualTo(ErrorCode.MALFORMED.code());
        c.awaitClosed(WAIT);
    }

    // ---- joining -------------------------------------------------------------------------------

    @Test
    void twoGuestsInADemoSpaceSeeEachOthersMoves() {
        JsonObject demo = api.get("/api/spaces", api.guest()).items().stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("name").contains("Meeting Room")).findFirst().orElseThrow();
        UUID space = UUID.fromString(demo.getString("id"));
        WsClient a = guest();
        WsClient b = guest();
        String aUser = userId(a);
        Joined ja = join(a, space);
        assertThat(ja.spaceName()).contains("Meeting Room");
        assertThat(ja.resumeKey()).isNotZero();
        Enter self = a.await(Enter.class, e -> e.entity() == ja.selfEntity(), WAIT);
        join(b, space);
        assertThat(b.await(Presence.class).entries()).anyMatch(e -> e.userId().equals(aUser));
        int aInB = avatarOf(b, aUser);
        // the demo space starts with shared objects (Enters come nearest first: the avatar, then these)
        b.await(Enter.class, e -> e.kind() == EntityKind.OBJECT, WAIT);

        float x = self.state().x() + 1.5f;
        a.send(input(0, x, self.state().y(), self.state().z()));
        EntityUpdate u = awaitPosition(b, aInB, x);
        assertThat(u.z()).isCloseTo(self.state().z(), org.assertj.core.data.Offset.offset(0.02f));
    }

    @Test
    void spaceChatReachesEveryoneAndNearbyOnlyThoseWithinTheRadius() throws InterruptedException {
        UUID space = space("factory", "public", 10); // 200 m × 120 m, room to walk out of the 30 m radius
        WsClient a = guest();
        WsClient b = guest();
        WsClient far = guest();
        String farUser = userId(far);
        join(a, space);
        join(b, space);
        Joined jf = join(far, space);
        Enter farSelf = far.await(Enter.class, e -> e.entity() == jf.selfEntity(), WAIT);
        int farInB = avatarOf(b, farUser);

        // walk 40 m at 11 m/s, under the speed limit with its tolerance: inputs every 50 ms
        float x = farSelf.state().x();
        for (int seq = 0; seq < 73; seq++) {
            x += 0.55f;
            far.send(input(seq, x, farSelf.state().y(), farSelf.state().z()));
            Thread.sleep(50);
        }
        b.await(Exit.class, e -> e.entity() == farInB, WAIT);

        a.send(new Chat(ChatScope.NEARBY, 0, "psst"));
        a.send(new Chat(ChatScope.SPACE, 0, "hello all"));
        assertThat(b.await(ChatEvent.class, c -> c.text().equals("psst"), WAIT).scope()).isEqualTo(ChatScope.NEARBY);
        b.await(ChatEvent.class, c -> c.text().equals("hello all"), WAIT);
        ChatEvent heard = far.await(ChatEvent.class, c -> true, WAIT);
        assertThat(heard.text()).isEqualTo("hello all"); // NEARBY was sent first and never arrived
        assertThat(heard.fromEntity()).isZero(); // the sender is out of view
    }

    @Test
    void severalGrabsOfOneObjectInOneTickMakeExactlyOneHolder() {
        UUID space = space("gallery", "public", 10);
        List<WsClient> grabbers = new ArrayList<>();
        List<Integer> selves = new ArrayList<>();
        List<Integer> cubes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WsClient c = guest();
            Joined j = join(c, space);
            grabbers.add(c);
            selves.add(j.selfEntity());
        }
        for (WsClient c : grabbers) {
            cubes.add(c.await(Enter.class, e -> e.kind() == EntityKind.OBJECT && e.name().equals("cube"), WAIT).entity());
        }
        for (int i = 0; i < grabbers.size(); i++) {
            grabbers.get(i).send(new Grab(cubes.get(i)));
        }
        int winners = 0;
        int refused = 0;
        for (int i = 0; i < grabbers.size(); i++) {
            int cube = cubes.get(i);
            WsClient c = grabbers.get(i);
            Holder h = c.await(Holder.class, m -> m.objectEntity() == cube, WAIT);
            assertThat(h.holderEntity()).isNotZero();
            if (h.holderEntity() == selves.get(i)) {
                winners++;
            } else {
                c.await(ErrorMessage.class, e -> e.code() == ErrorCode.OBJECT_HELD.code(), WAIT);
                refused++;
            }
        }
        assertThat(winners).isEqualTo(1);
        assertThat(refused).isEqualTo(3);
        // nobody saw the object change hands a second time
        for (int i = 0; i < grabbers.size(); i++) {
            int cube = cubes.get(i);
            assertThat(grabbers.get(i).drain()).noneMatch(m -> m instanceof Holder h && h.objectEntity() == cube);
        }
    }

    @Test
    void aDroppedConnectionResumesTheSameAvatarWithItsKey() {
        UUID space = space("gallery", "public", 10);
        String token = api.guest();
        WsClient a = connect();
        a.hello(token);
        String aUser = a.await(Welcome.class).userId();
        Joined ja = join(a, space);
        Enter self = a.await(Enter.class, e -> e.entity() == ja.selfEntity(), WAIT);
        WsClient b = guest();
        join(b, space);
        int aInB = avatarOf(b, aUser);
        float x = self.state().x() - 2;
        a.send(input(0, x, self.state().y(), self.state().z()));
        awaitPosition(b, aInB, x);

        a.abort();
        WsClient again = connect();
        again.hello(token);
        again.await(Welcome.class);
        ServerMessage answer = joinAnswer(again, space, ja.resumeKey());
        assertThat(answer).isInstanceOf(Joined.class);
        Joined jr = (Joined) answer;
        assertThat(jr.resumeKey()).isNotZero().isNotEqualTo(ja.resumeKey());
        Enter resumed = again.await(Enter.class, e -> e.entity() == jr.selfEntity(), WAIT);
        assertThat(resumed.state().x()).isCloseTo(x, org.assertj.core.data.Offset.offset(0.02f));
        // others saw no exit and no second avatar
        again.send(new Ping(7));
        again.await(Pong.class);
        b.send(new Ping(8));
        b.await(Pong.class);
        assertThat(b.drain()).noneMatch(m -> m instanceof Exit e && e.entity() == aInB)
                .noneMatch(m -> m instanceof Enter e && e.userId().equals(aUser));
    }

    @Test
    void aFullSpaceRefusesTheJoinAndKeepsTheConnection() {
        UUID space = space("meeting", "public", 1);
        WsClient a = guest();
        join(a, space);
        WsClient b = guest();
        ServerMessage answer = joinAnswer(b, space, 0);
        assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SPACE_FULL.code()));
        b.send(new Ping(5));
        b.await(Pong.class);
        assertThat(b.isClosed()).isFalse();
    }

    @Test
    void aGuestCannotFindAPrivateSpaceOrANonexistentOne() {
        UUID secret = space("meeting", "private", 10);
        WsClient g = guest();
        for (UUID id : List.of(secret, UUID.randomUUID())) {
            ServerMessage answer = joinAnswer(g, id, 0);
            assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SPACE_NOT_FOUND.code()));
        }
        g.send(new Ping(5));
        g.await(Pong.class);
    }

    @Test
    void aSecondJoinIsRefusedUntilLeave() {
        UUID space = space("meeting", "public", 10);
        WsClient c = guest();
        join(c, space);
        assertThat(joinAnswer(c, space, 0)).isInstanceOfSatisfying(ErrorMessage.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_JOINED.code()));
        c.send(new org.pujiang.protocol.message.Leave());
        join(c, space);
    }

    @Test
    void metricsReportConnectionsAndLiveSpaces() {
        UUID space = space("meeting", "public", 10);
        WsClient c = guest();
        join(c, space);
        c.await(Enter.class);
        String text = api.get("/metrics", null).body();
        assertThat(text).contains("pujiang_ws_connections", "pujiang_ws_frames_out_total", "pujiang_ws_bytes_in_bytes_total",
                "pujiang_space_clients{space=\"" + space + "\"}", "pujiang_space_tick_last_seconds{space=\"" + space,
                "pujiang_space_updates_coalesced_total{space=\"" + space);
    }

    @Test
    void theOwnerKicksAGuestWhoGetsGoodbyeAndIsDisconnected() {
        UUID space = space("meeting", "public", 10);
        WsClient host = connect();
        host.hello(owner);
        assertThat(host.await(Welcome.class).role()).isEqualTo("member");
        join(host, space);
        WsClient g = guest();
        join(g, space);
        int gInHost = avatarOf(host, userId(g));
        host.send(new org.pujiang.protocol.message.Moderate(org.pujiang.protocol.message.ModerationAction.KICK, gInHost,
                "test"));
        assertThat(g.await(Goodbye.class).code()).isEqualTo(ErrorCode.KICKED.code());
        g.awaitClosed(WAIT);
        host.await(Exit.class, e -> e.entity() == gInHost, WAIT);
    }

    // ---- abuse ---------------------------------------------------------------------------------

    @Test
    void fuzzFromOneClientDoesNotDisturbOthers() throws Exception {
        UUID space = space("gallery", "public", 10);
        WsClient mover = guest();
        String moverUser = userId(mover);
        Joined jm = join(mover, space);
        Enter self = mover.await(Enter.class, e -> e.entity() == jm.selfEntity(), WAIT);
        WsClient watcher = guest();
        join(watcher, space);
        int moverInWatcher = avatarOf(watcher, moverUser);

        SplittableRandom random = new SplittableRandom(42);
        String token = api.guest();
        WsClient fuzzer = null;
        long fuzzKey = 0;
        int reconnects = 0;
        int seq = 0;
        int states = 0;
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < end) {
            if (fuzzer == null || fuzzer.isClosed()) {
                fuzzer = connect();
                fuzzer.hello(token);
                fuzzer.await(Welcome.class);
                // take the same avatar back each time (abuse ends the connection, the avatar lingers)
                ServerMessage answer = joinAnswer(fuzzer, space, fuzzKey);
                assertThat(answer).isInstanceOf(Joined.class);
                fuzzKey = ((Joined) answer).resumeKey();
                reconnects++;
            }
            for (int i = 0; i < 5; i++) {
                fuzzer.sendFrame(junk(random));
            }
            float x = self.state().x() + (seq % 2 == 0 ? 0.3f : -0.3f);
            mover.send(input(seq++, x, self.state().y(), self.state().z()));
            awaitPosition(watcher, moverInWatcher, x);
            states++;
        }
        assertThat(states).isGreaterThan(10);
        assertThat(reconnects).as("the fuzzer was cut off for abuse and came back").isGreaterThan(1);
        assertThat(api.get("/api/health", null).status()).isEqualTo(200);
    }

    /** Random bytes, truncated frames, or frames whose length prefix claims far more than is there. */
    private static byte[] junk(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0 -> {
                byte[] b = new byte[r.nextInt(0, 64)];
                r.nextBytes(b);
                if (b.length > 0 && r.nextBoolean()) {
                    b[0] = 1; // mostly get past the version byte
                }
                return b;
            }
            case 1 -> {
                byte[] whole = Frames.encode(new Chat(ChatScope.SPACE, 0, "a chat line that will be cut short"));
                return java.util.Arrays.copyOf(whole, r.nextInt(1, whole.length));
            }
            case 2 -> {
                // Chat with a text length of 2^31 - 1 and five bytes of text
                return new byte[] {1, 0x05, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'a', 'b',
                        'c', 'd', 'e'};
            }
            default -> {
                byte[] b = new byte[r.nextInt(2, 300)];
                r.nextBytes(b);
                b[0] = 1;
                b[1] = (byte) r.nextInt(1, 0x0D);
                return b;
            }
        }
    }
}
