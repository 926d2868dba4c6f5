package org.pujiang.server.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.space.Space;
import org.pujiang.server.storage.SpaceRepository;
import org.pujiang.space.Bounds;
import org.pujiang.space.SpaceId;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;

final class JdbcSpaceRepository implements SpaceRepository {
    private static final String SELECT = """
            SELECT s.id, s.name, s.description, s.owner_id, u.display_name AS owner_name, s.template, s.visibility,
                   s.capacity, s.min_x, s.min_y, s.min_z, s.max_x, s.max_y, s.max_z, s.created_at, s.updated_at,
                   s.version""";

    private final Jdbi jdbi;

    JdbcSpaceRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Space space) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO spaces (id, name, name_key, description, owner_id, template, visibility, capacity,
                                        min_x, min_y, min_z, max_x, max_y, max_z, created_at, updated_at, version)
                    VALUES (:id, :name, :nameKey, :description, :owner, :template, :visibility, :capacity,
                            :minX, :minY, :minZ, :maxX, :maxY, :maxZ, :createdAt, :updatedAt, :version)""")
                    .bind("id", space.id().value())
                    .bind("owner", space.ownerId().value())
                    .bind("createdAt", Sql.ts(space.createdAt()))
                    .bind("updatedAt", Sql.ts(space.updatedAt()))
                    .bindMap(fields(space))
                    .execute();
            insertMembers(h, space);
        });
    }

    @Override
    public Optional<Space> find(SpaceId id) {
        return jdbi.withHandle(h -> {
            Optional<Space> found = h.createQuery(SELECT + " FROM spaces s JOIN users u ON u.id = s.owner_id WHERE s.id = :id")
                    .bind("id", id.value())
                    .map((rs, ctx) -> space(rs))
                    .findOne();
            return found.map(s -> s.withMembers(members(h, id)));
        });
    }

    @Override
    public Page<Space> list(ListQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        switch (q.scope()) {
            case ALL -> { }
            case PUBLIC_ONLY -> where.append(" AND s.visibility = 'public'");
            case OWNED -> where.append(" AND s.owner_id = :viewer");
            case VISIBLE_TO_MEMBER -> where.append(" AND (s.visibility = 'public' OR s.owner_id = :viewer"
                    + " OR EXISTS (SELECT 1 FROM space_members m WHERE m.space_id = s.id AND m.user_id = :viewer))");
        }
        boolean search = !q.nameContains().isEmpty();
        if (search) {
            where.append(" AND s.name_key LIKE :pattern ESCAPE '!'");
        }
        // One round trip: the window count rides along with the page. An empty page needs a second query.
        String sql = SELECT + ", COUNT(*) OVER () AS total FROM spaces s JOIN users u ON u.id = s.owner_id" + where
                + " ORDER BY s.created_at DESC, s.id DESC LIMIT :limit OFFSET :offset";
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql)
                    .bind("limit", q.size())
                    .bind("offset", (long) (q.page() - 1) * q.size());
            bindFilters(query, q, search);
            long[] total = {0};
            List<Space> items = query.map((rs, ctx) -> {
                total[0] = rs.getLong("total");
                return space(rs);
            }).list();
            if (items.isEmpty() && q.page() > 1) {
                Query count = h.createQuery("SELECT COUNT(*) FROM spaces s" + where);
                bindFilters(count, q, search);
                total[0] = count.mapTo(Long.class).one();
            }
            return new Page<>(items, total[0], q.page(), q.size());
        });
    }

    @Override
    public boolean update(Space space, long expectedVersion) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("""
                    UPDATE spaces SET name = :name, name_key = :nameKey, description = :description,
                           template = :template, visibility = :visibility, capacity = :capacity,
                           min_x = :minX, min_y = :minY, min_z = :minZ, max_x = :maxX, max_y = :maxY, max_z = :maxZ,
                           updated_at = :updatedAt, version = :version
                    WHERE id = :id AND version = :expected""")
                    .bind("id", space.id().value())
                    .bind("expected", expectedVersion)
                    .bind("updatedAt", Sql.ts(space.updatedAt()))
                    .bindMap(fields(space))
                    .execute();
            if (n != 1) {
                return false;
            }
            h.createUpdate("DELETE FROM space_members WHERE space_id = :id").bind("id", space.id().value()).execute();
            insertMembers(h, space);
            return true;
        });
    }

    @Override
    public boolean delete(SpaceId id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM spaces WHERE id = :id").bind("id", id.value()).execute()) == 1;
    }

    @Override
    public boolean isMember(SpaceId id, UserId user) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM space_members WHERE space_id = :space AND user_id = :user")
                .bind("space", id.value())
                .bind("user", user.value())
                .mapTo(Long.class)
                .one()) > 0;
    }

    @Override
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM spaces").mapTo(Long.class).one());
    }

    private static void bindFilters(Query query, ListQuery q, boolean search) {
        if (q.scope() == Scope.OWNED || q.scope() == Scope.VISIBLE_TO_MEMBER) {
            query.bind("viewer", q.viewer().value());
        }
        if (search) {
            query.bind("pattern", Sql.likeContains(nameKey(q.nameContains())));
        }
    }

    /** The lower-cased form stored for search; the same function is applied to search terms. */
    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> fields(Space s) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", s.name());
        m.put("nameKey", nameKey(s.name()));
        m.put("description", s.description());
        m.put("template", s.template().wireName());
        m.put("visibility", s.visibility().wireName());
        m.put("capacity", s.capacity());
        Bounds b = s.bounds();
        m.put("minX", b.minX());
        m.put("minY", b.minY());
        m.put("minZ", b.minZ());
        m.put("maxX", b.maxX());
        m.put("maxY", b.maxY());
        m.put("maxZ", b.maxZ());
        m.put("version", s.version());
        return m;
    }

    private static void insertMembers(Handle h, Space space) {
        if (space.members().isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO space_members (space_id, user_id) VALUES (:space, :user)");
        for (Space.Member m : space.members()) {
            batch.bind("space", space.id().value()).bind("user", m.id().value()).add();
        }
        batch.execute();
    }

    private static List<Space.Member> members(Handle h, SpaceId id) {
        return new ArrayList<>(h.createQuery("""
                SELECT u.id, u.username, u.display_name FROM space_members m JOIN users u ON u.id = m.user_id
                WHERE m.space_id = :id ORDER BY u.username_key""")
                .bind("id", id.value())
                .map((rs, ctx) -> new Space.Member(new UserId(Sql.uuid(rs, "id")), rs.getString("username"),
                        rs.getString("display_name")))
                .list());
    }

    private static Space space(ResultSet rs) throws SQLException {
        return new Space(
                new SpaceId(Sql.uuid(rs, "id")),
                rs.getString("name"),
                rs.getString("description"),
                new UserId(Sql.uuid(rs, "owner_id")),
                rs.getString("owner_name"),
                SpaceTemplate.fromWire(rs.getString("template")).orElse(SpaceTemplate.EMPTY),
                Visibility.fromWire(rs.getString("visibility")).orElse(Visibility.PRIVATE),
                rs.getInt("capacity"),
                new Bounds(rs.getDouble("min_x"), rs.getDouble("min_y"), rs.getDouble("min_z"),
                        rs.getDouble("max_x"), rs.getDouble("max_y"), rs.getDouble("max_z")),
                List.of(),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
