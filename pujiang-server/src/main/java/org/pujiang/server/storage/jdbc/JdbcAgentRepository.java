package org.pujiang.server.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.pujiang.server.agent.Agent;
import org.pujiang.server.agent.AgentId;
import org.pujiang.server.agent.Handoff;
import org.pujiang.server.agent.KbVersion;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.AgentRepository;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.space.SpaceId;

final class JdbcAgentRepository implements AgentRepository {
    /** The agent with the entry count of its current version (none before the first import). */
    private static final String SELECT = """
            SELECT a.id, a.space_id, a.name, a.persona, a.languages, a.kb_version, COALESCE(v.entries, 0) AS kb_entries,
                   a.created_by, a.created_at, a.updated_at
            FROM agents a LEFT JOIN agent_kb_versions v ON v.agent_id = a.id AND v.version = a.kb_version""";
    private static final String HANDOFF = """
            SELECT id, agent_id, space_id, user_id, display_name, question, created_at, resolved_at, resolved_by
            FROM agent_handoffs""";

    private final Jdbi jdbi;

    JdbcAgentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Agent a) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO agents (id, space_id, name, persona, languages, kb_version, created_by, created_at,
                                            updated_at)
                        VALUES (:id, :space, :name, :persona, :languages, 0, :by, :createdAt, :updatedAt)""")
                .bind("id", a.id().value())
                .bind("space", a.space().value())
                .bind("name", a.name())
                .bind("persona", a.persona())
                .bind("languages", String.join(",", a.languages()))
                .bind("by", a.createdBy().value())
                .bind("createdAt", Sql.ts(a.createdAt()))
                .bind("updatedAt", Sql.ts(a.updatedAt()))
                .execute());
    }

    @Override
    public Optional<Agent> find(AgentId id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE a.id = :id").bind("id", id.value())
                .map((rs, ctx) -> agent(rs)).findOne());
    }

    @Override
    public List<Agent> ofSpace(SpaceId space) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE a.space_id = :space ORDER BY a.created_at, a.id")
                .bind("space", space.value()).map((rs, ctx) -> agent(rs)).list());
    }

    @Override
    public long countOfSpace(SpaceId space) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM agents WHERE space_id = :space")
                .bind("space", space.value()).mapTo(Long.class).one());
    }

    @Override
    public Page<Agent> list(ListQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        q.space().ifPresent(s -> where.append(" AND a.space_id = :space"));
        q.owner().ifPresent(o -> where.append(" AND a.space_id IN (SELECT s.id FROM spaces s WHERE s.owner_id = :owner)"));
        String sql = SELECT.replace("COALESCE(v.entries, 0) AS kb_entries,",
                "COALESCE(v.entries, 0) AS kb_entries, COUNT(*) OVER () AS total,") + where
                + " ORDER BY a.created_at, a.id LIMIT :limit OFFSET :offset";
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql).bind("limit", q.size()).bind("offset", (long) (q.page() - 1) * q.size());
            bind(query, q);
            long[] total = {0};
            List<Agent> items = query.map((rs, ctx) -> {
                total[0] = rs.getLong("total");
                return agent(rs);
            }).list();
            if (items.isEmpty() && q.page() > 1) {
                Query count = h.createQuery("SELECT COUNT(*) FROM agents a" + where);
                bind(count, q);
                total[0] = count.mapTo(Long.class).one();
            }
            return new Page<>(items, total[0], q.page(), q.size());
        });
    }

    private static void bind(Query query, ListQuery q) {
        q.space().ifPresent(s -> query.bind("space", s.value()));
        q.owner().ifPresent(o -> query.bind("owner", o.value()));
    }

    @Override
    public boolean update(Agent a) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE agents SET space_id = :space, name = :name, persona = :persona, languages = :languages,
                               updated_at = :updatedAt
                        WHERE id = :id""")
                .bind("id", a.id().value())
                .bind("space", a.space().value())
                .bind("name", a.name())
                .bind("persona", a.persona())
                .bind("languages", String.join(",", a.languages()))
                .bind("updatedAt", Sql.ts(a.updatedAt()))
                .execute()) == 1;
    }

    @Override
    public boolean delete(AgentId id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM agents WHERE id = :id").bind("id", id.value())
                .execute()) == 1;
    }

    @Override
    public Optional<KbVersion> addKbVersion(AgentId id, String body, int entries, String source, UserId by, Instant at,
            int keep) {
        return jdbi.inTransaction(h -> {
            // The row lock serialises imports of one agent: each gets the next number.
            Optional<Integer> current = h.createQuery("SELECT kb_version FROM agents WHERE id = :id FOR UPDATE")
                    .bind("id", id.value()).mapTo(Integer.class).findOne();
            if (current.isEmpty()) {
                return Optional.<KbVersion>empty();
            }
            int newest = h.createQuery("SELECT COALESCE(MAX(version), 0) FROM agent_kb_versions WHERE agent_id = :id")
                    .bind("id", id.value()).mapTo(Integer.class).one();
            int version = Math.max(newest, current.get()) + 1;
            h.createUpdate("""
                            INSERT INTO agent_kb_versions (agent_id, version, entries, source, body, created_by, created_at)
                            VALUES (:id, :version, :entries, :source, :body, :by, :at)""")
                    .bind("id", id.value())
                    .bind("version", version)
                    .bind("entries", entries)
                    .bind("source", source)
                    .bind("body", body)
                    .bind("by", by.value())
                    .bind("at", Sql.ts(at))
                    .execute();
            h.createUpdate("UPDATE agents SET kb_version = :version, updated_at = :at WHERE id = :id")
                    .bind("id", id.value()).bind("version", version).bind("at", Sql.ts(at)).execute();
            h.createUpdate("DELETE FROM agent_kb_versions WHERE agent_id = :id AND version <= :oldest")
                    .bind("id", id.value()).bind("oldest", version - keep).execute();
            return Optional.of(new KbVersion(id, version, entries, source, by, at));
        });
    }

    @Override
    public Optional<String> kbBody(AgentId id, int version) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT body FROM agent_kb_versions WHERE agent_id = :id AND version = :version")
                .bind("id", id.value()).bind("version", version).mapTo(String.class).findOne());
    }

    @Override
    public List<KbVersion> kbVersions(AgentId id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT agent_id, version, entries, source, created_by, created_at FROM agent_kb_versions
                        WHERE agent_id = :id ORDER BY version DESC""")
                .bind("id", id.value())
                .map((rs, ctx) -> new KbVersion(new AgentId(rs.getString("agent_id")), rs.getInt("version"),
                        rs.getInt("entries"), rs.getString("source"), new UserId(Sql.uuid(rs, "created_by")),
                        Sql.instant(rs, "created_at")))
                .list());
    }

    @Override
    public boolean insertHandoff(Handoff o) {
        // INSERT ... SELECT: nothing is written when the agent was deleted meanwhile.
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO agent_handoffs (id, agent_id, space_id, user_id, display_name, question, created_at)
                        SELECT :id, a.id, :space, :user, :name, :question, :at FROM agents a WHERE a.id = :agent""")
                .bind("id", o.id())
                .bind("agent", o.agent().value())
                .bind("space", o.space().value())
                .bind("user", o.userId())
                .bind("name", o.displayName())
                .bind("question", o.question())
                .bind("at", Sql.ts(o.createdAt()))
                .execute()) == 1;
    }

    @Override
    public Optional<Handoff> findHandoff(AgentId agent, UUID id) {
        return jdbi.withHandle(h -> h.createQuery(HANDOFF + " WHERE agent_id = :agent AND id = :id")
                .bind("agent", agent.value()).bind("id", id).map((rs, ctx) -> handoff(rs)).findOne());
    }

    @Override
    public Page<Handoff> handoffs(AgentId agent, boolean openOnly, int page, int size) {
        String where = " WHERE agent_id = :agent" + (openOnly ? " AND resolved_at IS NULL" : "");
        return jdbi.withHandle(h -> {
            List<Handoff> items = h.createQuery(HANDOFF + where + " ORDER BY created_at DESC, id DESC"
                            + " LIMIT :limit OFFSET :offset")
                    .bind("agent", agent.value()).bind("limit", size).bind("offset", (long) (page - 1) * size)
                    .map((rs, ctx) -> handoff(rs)).list();
            long total = h.createQuery("SELECT COUNT(*) FROM agent_handoffs" + where).bind("agent", agent.value())
                    .mapTo(Long.class).one();
            return new Page<>(items, total, page, size);
        });
    }

    @Override
    public boolean resolveHandoff(AgentId agent, UUID id, UserId by, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE agent_handoffs SET resolved_at = :at, resolved_by = :by
                        WHERE agent_id = :agent AND id = :id AND resolved_at IS NULL""")
                .bind("agent", agent.value()).bind("id", id).bind("by", by.value()).bind("at", Sql.ts(at))
                .execute()) == 1;
    }

    private static Agent agent(ResultSet rs) throws SQLException {
        return new Agent(new AgentId(rs.getString("id")), new SpaceId(Sql.uuid(rs, "space_id")), rs.getString("name"),
                rs.getString("persona"), Arrays.asList(rs.getString("languages").split(",")), rs.getInt("kb_version"),
                rs.getInt("kb_entries"), new UserId(Sql.uuid(rs, "created_by")), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private static Handoff handoff(ResultSet rs) throws SQLException {
        UUID resolvedBy = Sql.uuid(rs, "resolved_by");
        return new Handoff(Sql.uuid(rs, "id"), new AgentId(rs.getString("agent_id")),
                new SpaceId(Sql.uuid(rs, "space_id")), rs.getString("user_id"), rs.getString("display_name"),
                rs.getString("question"), Sql.instant(rs, "created_at"), Sql.instant(rs, "resolved_at"),
                resolvedBy == null ? null : new UserId(resolvedBy));
    }
}
