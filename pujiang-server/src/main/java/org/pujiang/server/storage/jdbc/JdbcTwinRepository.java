package org.pujiang.server.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.TwinRepository;

final class JdbcTwinRepository implements TwinRepository {
    private static final String COLUMNS = "id, model_id, name, attributes, lat, lon, space_id, x, y, z, acl, owner_id,"
            + " created_at, updated_at, state, state_version";

    private final Jdbi jdbi;

    JdbcTwinRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean insert(StoredTwin t) {
        try {
            jdbi.useHandle(h -> bindTwin(h.createUpdate("INSERT INTO twins (" + COLUMNS + ") VALUES (:id, :model, :name,"
                    + " :attributes, :lat, :lon, CAST(:space AS UUID), :x, :y, :z, :acl, :owner, :createdAt, :updatedAt, :state,"
                    + " :stateVersion)"), t)
                    .bind("owner", t.owner().value())
                    .bind("createdAt", Sql.ts(t.createdAt()))
                    .bindByType("state", t.state(), String.class)
                    .bind("stateVersion", t.stateVersion())
                    .execute());
            return true;
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static Update bindTwin(Update u, StoredTwin t) {
        return u.bind("id", t.id())
                .bind("model", t.modelId())
                .bind("name", t.name())
                .bind("attributes", t.attributes())
                .bindByType("lat", t.lat(), Double.class)
                .bindByType("lon", t.lon(), Double.class)
                // Cast in SQL: PostgreSQL types a null bound parameter as text, which a uuid column refuses.
                .bind("space", t.spaceId() == null ? null : t.spaceId().toString())
                .bindByType("x", t.x(), Double.class)
                .bindByType("y", t.y(), Double.class)
                .bindByType("z", t.z(), Double.class)
                .bind("acl", t.acl())
                .bind("updatedAt", Sql.ts(t.updatedAt()));
    }

    @Override
    public Optional<StoredTwin> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM twins WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> twin(rs))
                .findOne());
    }

    @Override
    public List<StoredTwin> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM twins ORDER BY id")
                .map((rs, ctx) -> twin(rs))
                .list());
    }

    @Override
    public boolean update(StoredTwin t) {
        return jdbi.withHandle(h -> bindTwin(h.createUpdate("UPDATE twins SET model_id = :model, name = :name,"
                + " attributes = :attributes, lat = :lat, lon = :lon, space_id = CAST(:space AS UUID), x = :x, y = :y, z = :z,"
                + " acl = :acl, updated_at = :updatedAt WHERE id = :id"), t).execute()) == 1;
    }

    @Override
    public boolean delete(String id) {
        return jdbi.inTransaction(h -> {
            // Cascades in the schema do this too; explicit deletes keep H2 and PostgreSQL locking the same way.
            h.createUpdate("DELETE FROM twin_bindings WHERE twin_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM twin_credentials WHERE twin_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM twin_links WHERE source_id = :id OR target_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM twins WHERE id = :id").bind("id", id).execute() == 1;
        });
    }

    @Override
    public void saveStates(Collection<StateSave> states) {
        if (states.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("UPDATE twins SET state = :state, state_version = :version"
                    + " WHERE id = :id AND state_version < :version");
            for (StateSave s : states) {
                batch.bind("state", s.state()).bind("version", s.version()).bind("id", s.twinId()).add();
            }
            batch.execute();
        });
    }

    @Override
    public boolean modelInUse(String modelId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM twins WHERE model_id = :m")
                .bind("m", modelId).mapTo(Long.class).one()) > 0;
    }

    @Override
    public boolean addLink(Link link) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO twin_links (source_id, name, target_id)"
                            + " VALUES (:s, :n, :t)")
                    .bind("s", link.source()).bind("n", link.name()).bind("t", link.target()).execute());
            return true;
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean removeLink(Link link) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM twin_links WHERE source_id = :s AND name = :n"
                        + " AND target_id = :t")
                .bind("s", link.source()).bind("n", link.name()).bind("t", link.target()).execute()) == 1;
    }

    @Override
    public List<Link> links() {
        return jdbi.withHandle(h -> h.createQuery("SELECT source_id, name, target_id FROM twin_links")
                .map((rs, ctx) -> new Link(rs.getString("source_id"), rs.getString("name"), rs.getString("target_id")))
                .list());
    }

    @Override
    public void addCredential(String tokenHash, String twinId, Instant at, UserId by) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO twin_credentials (token_hash, twin_id, created_at, created_by)"
                        + " VALUES (:h, :t, :at, :by)")
                .bind("h", tokenHash).bind("t", twinId).bind("at", Sql.ts(at)).bind("by", by.value()).execute());
    }

    @Override
    public Map<String, String> activeCredentials() {
        return jdbi.withHandle(h -> {
            Map<String, String> out = new HashMap<>();
            h.createQuery("SELECT token_hash, twin_id FROM twin_credentials WHERE revoked_at IS NULL")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    @Override
    public int revokeCredentials(String twinId, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE twin_credentials SET revoked_at = :at"
                        + " WHERE twin_id = :t AND revoked_at IS NULL")
                .bind("at", Sql.ts(at)).bind("t", twinId).execute());
    }

    @Override
    public void insertBinding(Binding b) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO twin_bindings (id, space_id, object, twin_id, property, visual,"
                        + " created_at) VALUES (:id, :space, :object, :twin, :property, :visual, :at)")
                .bind("id", b.id()).bind("space", b.spaceId()).bind("object", b.object()).bind("twin", b.twinId())
                .bind("property", b.property()).bind("visual", b.visual()).bind("at", Sql.ts(b.createdAt()))
                .execute());
    }

    @Override
    public List<Binding> bindings(UUID spaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM twin_bindings WHERE space_id = :s"
                        + " ORDER BY created_at, id")
                .bind("s", spaceId).map((rs, ctx) -> binding(rs)).list());
    }

    @Override
    public List<Binding> allBindings() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM twin_bindings ORDER BY created_at, id")
                .map((rs, ctx) -> binding(rs)).list());
    }

    @Override
    public boolean deleteBinding(UUID spaceId, UUID bindingId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM twin_bindings WHERE space_id = :s AND id = :id")
                .bind("s", spaceId).bind("id", bindingId).execute()) == 1;
    }

    private static Binding binding(ResultSet rs) throws SQLException {
        return new Binding(Sql.uuid(rs, "id"), Sql.uuid(rs, "space_id"), rs.getString("object"),
                rs.getString("twin_id"), rs.getString("property"), rs.getString("visual"),
                Sql.instant(rs, "created_at"));
    }

    private static StoredTwin twin(ResultSet rs) throws SQLException {
        return new StoredTwin(
                rs.getString("id"),
                rs.getString("model_id"),
                rs.getString("name"),
                rs.getString("attributes"),
                nullableDouble(rs, "lat"),
                nullableDouble(rs, "lon"),
                Sql.uuid(rs, "space_id"),
                nullableDouble(rs, "x"),
                nullableDouble(rs, "y"),
                nullableDouble(rs, "z"),
                rs.getString("acl"),
                new UserId(Sql.uuid(rs, "owner_id")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                rs.getString("state"),
                rs.getLong("state_version"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
