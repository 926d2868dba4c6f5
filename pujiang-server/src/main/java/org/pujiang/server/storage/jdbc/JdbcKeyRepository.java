package org.pujiang.server.storage.jdbc;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.pujiang.server.storage.KeyRepository;

final class JdbcKeyRepository implements KeyRepository {
    private final Jdbi jdbi;

    JdbcKeyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<String> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT key_value FROM server_keys WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public String putIfAbsent(String name, String value) {
        try {
            jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO server_keys (name, key_value, created_at) VALUES (:name, :value, :now)")
                    .bind("name", name)
                    .bind("value", value)
                    .bind("now", Sql.ts(Instant.now()))
                    .execute());
            return value;
        } catch (UnableToExecuteStatementException e) {
            if (Sql.isUniqueViolation(e)) {
                return get(name).orElseThrow(() -> new IllegalStateException("key " + name + " vanished"));
            }
            throw e;
        }
    }
}
