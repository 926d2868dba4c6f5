package org.pujiang.server.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.server.storage.TwinModelRepository;

final class JdbcTwinModelRepository implements TwinModelRepository {
    private static final String COLUMNS = "id, version, title, source_format, document, created_at, created_by";
    private static final String READ_COLUMNS = COLUMNS + ", retention_days";

    private final Jdbi jdbi;

    JdbcTwinModelRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean insert(StoredModel m) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO twin_models (" + COLUMNS + ")"
                            + " VALUES (:id, :version, :title, :format, :document, :createdAt, :createdBy)")
                    .bind("id", m.id())
                    .bind("version", m.version())
                    .bind("title", m.title())
                    .bind("format", m.sourceFormat().wireName())
                    .bind("document", m.document())
                    .bind("createdAt", Sql.ts(m.createdAt()))
                    .bind("createdBy", m.createdBy().value())
                    .execute());
            return true;
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredModel> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + READ_COLUMNS + " FROM twin_models WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> model(rs))
                .findOne());
    }

    @Override
    public Page<StoredModel> list(int page, int size) {
        return jdbi.withHandle(h -> {
            List<StoredModel> items = h.createQuery("SELECT " + READ_COLUMNS
                            + " FROM twin_models ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                    .bind("limit", size)
                    .bind("offset", (long) (page - 1) * size)
                    .map((rs, ctx) -> model(rs))
                    .list();
            long total = h.createQuery("SELECT COUNT(*) FROM twin_models").mapTo(Long.class).one();
            return new Page<>(items, total, page, size);
        });
    }

    @Override
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM twin_models WHERE id = :id").bind("id", id).execute()) == 1;
    }

    @Override
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM twin_models").mapTo(Long.class).one());
    }

    @Override
    public boolean setRetention(String id, Integer days) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE twin_models SET retention_days = :d WHERE id = :id")
                .bind("d", days).bind("id", id).execute()) == 1;
    }

    @Override
    public java.util.Map<String, Integer> retentions() {
        return jdbi.withHandle(h -> {
            java.util.Map<String, Integer> out = new java.util.HashMap<>();
            h.createQuery("SELECT id, retention_days FROM twin_models WHERE retention_days IS NOT NULL")
                    .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getInt(2)))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    private static StoredModel model(ResultSet rs) throws SQLException {
        return new StoredModel(
                rs.getString("id"),
                rs.getString("version"),
                rs.getString("title"),
                SourceFormat.fromWire(rs.getString("source_format")),
                rs.getString("document"),
                Sql.instant(rs, "created_at"),
                new UserId(Sql.uuid(rs, "created_by")),
                (Integer) rs.getObject("retention_days"));
    }
}
