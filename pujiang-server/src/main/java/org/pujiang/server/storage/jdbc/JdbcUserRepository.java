package org.pujiang.server.storage.jdbc;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.UserRepository;

final class JdbcUserRepository implements UserRepository {
    private static final String USER_COLUMNS = "id, username, display_name, role, disabled, created_at, updated_at";
    private final Jdbi jdbi;

    JdbcUserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean insert(User user, String usernameKey, String passwordHash) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO users (id, username, username_key, display_name, role, password_hash, disabled,
                                       created_at, updated_at)
                    VALUES (:id, :username, :key, :displayName, :role, :hash, :disabled, :createdAt, :updatedAt)""")
                    .bind("id", user.id().value())
                    .bind("username", user.username())
                    .bind("key", usernameKey)
                    .bind("displayName", user.displayName())
                    .bind("role", user.role().wireName())
                    .bind("hash", passwordHash)
                    .bind("disabled", user.disabled())
                    .bind("createdAt", Sql.ts(user.createdAt()))
                    .bind("updatedAt", Sql.ts(user.updatedAt()))
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> Sql.user(rs, ""))
                .findOne());
    }

    @Override
    public Optional<Credentials> findCredentials(String usernameKey) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT " + USER_COLUMNS + ", password_hash FROM users WHERE username_key = :key")
                .bind("key", usernameKey)
                .map((rs, ctx) -> new Credentials(Sql.user(rs, ""), rs.getString("password_hash")))
                .findOne());
    }

    @Override
    public List<User> findByUsernameKeys(Collection<String> usernameKeys) {
        if (usernameKeys.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE username_key IN (<keys>)")
                .bindList("keys", List.copyOf(usernameKeys))
                .map((rs, ctx) -> Sql.user(rs, ""))
                .list());
    }

    @Override
    public boolean updatePassword(UserId id, String passwordHash, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .bind("hash", passwordHash)
                .bind("now", Sql.ts(now))
                .bind("id", id.value())
                .execute()) == 1;
    }

    @Override
    public long countByRole(Role role) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE role = :role")
                .bind("role", role.wireName())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public int deleteStaleGuests(Instant now) {
        // A guest owns nothing (guests cannot create spaces), so deleting the row loses no data.
        return jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM users WHERE role = 'guest'
                  AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = users.id AND s.expires_at > :now)
                  AND NOT EXISTS (SELECT 1 FROM spaces sp WHERE sp.owner_id = users.id)""")
                .bind("now", Sql.ts(now))
                .execute());
    }
}
