package org.pujiang.server.storage.jdbc;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.pujiang.server.auth.Session;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.SessionRepository;

final class JdbcSessionRepository implements SessionRepository {
    private final Jdbi jdbi;

    JdbcSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Session session, String remoteAddr, String userAgent) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO sessions (id, user_id, created_at, expires_at, revoked_at, remote_addr, user_agent)
                VALUES (:id, :userId, :createdAt, :expiresAt, NULL, :remote, :agent)""")
                .bind("id", session.id())
                .bind("userId", session.user().id().value())
                .bind("createdAt", Sql.ts(session.createdAt()))
                .bind("expiresAt", Sql.ts(session.expiresAt()))
                .bind("remote", truncate(remoteAddr, 64))
                .bind("agent", truncate(userAgent, 256))
                .execute());
    }

    @Override
    public Optional<Session> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT s.id AS s_id, s.created_at AS s_created_at, s.expires_at, s.revoked_at,
                       u.id AS u_id, u.username AS u_username, u.display_name AS u_display_name, u.role AS u_role,
                       u.disabled AS u_disabled, u.created_at AS u_created_at, u.updated_at AS u_updated_at
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new Session(
                        Sql.uuid(rs, "s_id"),
                        Sql.user(rs, "u_"),
                        Sql.instant(rs, "s_created_at"),
                        Sql.instant(rs, "expires_at"),
                        Sql.instant(rs, "revoked_at")))
                .findOne());
    }

    @Override
    public boolean revoke(UUID id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", Sql.ts(now))
                .bind("id", id)
                .execute()) == 1;
    }

    @Override
    public int revokeAll(UserId userId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE sessions SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .bind("now", Sql.ts(now))
                .bind("user", userId.value())
                .execute());
    }

    @Override
    public int deleteExpired(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at < :cutoff")
                .bind("cutoff", Sql.ts(cutoff))
                .execute());
    }

    private static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max);
    }
}
