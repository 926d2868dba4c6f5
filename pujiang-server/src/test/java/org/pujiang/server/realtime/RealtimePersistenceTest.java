package org.pujiang.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.protocol.message.Enter;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.protocol.message.Goodbye;
import org.pujiang.protocol.message.Grab;
import org.pujiang.protocol.message.Holder;
import org.pujiang.protocol.message.Joined;
import org.pujiang.protocol.message.MoveObject;
import org.pujiang.protocol.message.Release;
import org.pujiang.protocol.message.Welcome;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.testing.ApiClient;
import org.pujiang.server.testing.TestDatabase;
import org.pujiang.server.testing.TestServers;
import org.pujiang.server.testing.WsClient;
import org.pujiang.space.SpaceId;
import org.pujiang.space.object.ObjectState;

/**
 * Shared objects outlive the server: an object moved in a live space is saved, a stopping server
 * says Goodbye(SHUTTING_DOWN) to its clients, and the next server restores the object where it was
 * left. Two real servers, one after the other, on one H2 database.
 */
class RealtimePersistenceTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aMovedObjectIsSavedAndRestoredAfterARestart(@TempDir Path temp) throws InterruptedException {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp)) {
            UUID space;
            float movedX;
            PujiangServer first = TestServers.start(db, temp.resolve("data"), Map.of());
            try (WsClient a = WsClient.connect(first.baseUrl())) {
                ApiClient api = new ApiClient(first.baseUrl());
                String owner = api.member("objowner");
                ApiClient.Res r = api.post("/api/spaces", owner, new JsonObject().put("name", "objects")
                        .put("template", "gallery").put("visibility", "public"));
                space = UUID.fromString(r.json().getString("id"));

                a.hello(api.guest());
                a.await(Welcome.class);
                a.join(space, 0);
                Joined j = a.await(Joined.class);
                Enter cube = a.await(Enter.class, e -> e.kind() == EntityKind.OBJECT && e.name().equals("cube"), WAIT);
                a.send(new Grab(cube.entity()));
                a.await(Holder.class, h -> h.objectEntity() == cube.entity() && h.holderEntity() == j.selfEntity(), WAIT);
                movedX = cube.state().x() + 0.4f;
                a.send(new MoveObject(cube.entity(), movedX, cube.state().y(), cube.state().z(), 1.0f));
                a.send(new Release(cube.entity()));
                a.await(Holder.class, h -> h.objectEntity() == cube.entity() && h.isFree(), WAIT);

                SpaceId id = new SpaceId(space);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!savedAt(first, id, movedX) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(savedAt(first, id, movedX)).as("the moved cube was saved").isTrue();

                first.close();
                assertThat(a.await(Goodbye.class).code()).isEqualTo(ErrorCode.SHUTTING_DOWN.code());
                a.awaitClosed(WAIT);
            } finally {
                first.close();
            }

            PujiangServer second = TestServers.start(db, temp.resolve("data"), Map.of());
            try (WsClient b = WsClient.connect(second.baseUrl())) {
                b.hello(new ApiClient(second.baseUrl()).guest());
                b.await(Welcome.class);
                b.join(space, 0);
                b.await(Joined.class);
                Enter cube = b.await(Enter.class, e -> e.kind() == EntityKind.OBJECT && e.name().equals("cube"), WAIT);
                assertThat(cube.state().x()).isCloseTo(movedX, offset(0.02f));
                assertThat(cube.state().yaw()).isCloseTo(1.0f, offset(0.01f));
            } finally {
                second.close();
            }
        }
    }

    private static boolean savedAt(PujiangServer server, SpaceId space, float x) {
        return server.database().objects().load(space).stream()
                .anyMatch(o -> o.name().equals("cube") && Math.abs(o.x() - x) < 0.02);
    }
}
