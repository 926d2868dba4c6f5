package org.pujiang.server.storage.jdbc;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.pujiang.server.storage.ObjectRepository;
import org.pujiang.space.SpaceId;
import org.pujiang.space.object.ObjectState;

final class JdbcObjectRepository implements ObjectRepository {
    private final Jdbi jdbi;

    JdbcObjectRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<ObjectState> load(SpaceId space) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT object_id, name, x, y, z, yaw FROM space_objects WHERE space_id = :space ORDER BY object_id")
                .bind("space", space.value())
                .map((rs, ctx) -> new ObjectState(rs.getLong("object_id"), rs.getString("name"),
                        (float) rs.getDouble("x"), (float) rs.getDouble("y"), (float) rs.getDouble("z"),
                        (float) rs.getDouble("yaw")))
                .list());
    }

    @Override
    public void save(SpaceId space, List<ObjectState> objects, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM space_objects WHERE space_id = :space").bind("space", space.value()).execute();
            if (objects.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO space_objects (space_id, object_id, name, x, y, z, yaw,"
                    + " updated_at) VALUES (:space, :id, :name, :x, :y, :z, :yaw, :now)");
            for (ObjectState o : objects) {
                batch.bind("space", space.value()).bind("id", o.objectId()).bind("name", o.name())
                        .bind("x", (double) o.x()).bind("y", (double) o.y()).bind("z", (double) o.z())
                        .bind("yaw", (double) o.yaw()).bind("now", Sql.ts(now)).add();
            }
            batch.execute();
        });
    }
}
