package org.pujiang.server.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;

/** Small JDBC conversions shared by the repositories, identical on H2 and PostgreSQL. */
final class Sql {
    private Sql() {}

    /** Binds an instant as TIMESTAMP WITH TIME ZONE in UTC, so no JVM or session time zone leaks in. */
    static Argument ts(Instant instant) {
        return ObjectArgument.of(instant == null ? null : instant.atOffset(ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** Reads the users columns, optionally prefixed (e.g. {@code u_}) where a join renames them. */
    static User user(ResultSet rs, String prefix) throws SQLException {
        return new User(
                new UserId(uuid(rs, prefix + "id")),
                rs.getString(prefix + "username"),
                rs.getString(prefix + "display_name"),
                Role.fromWire(rs.getString(prefix + "role")).orElseThrow(
                        () -> new IllegalStateException("unknown role in database: " + columnOrNull(rs, prefix))),
                rs.getBoolean(prefix + "disabled"),
                instant(rs, prefix + "created_at"),
                instant(rs, prefix + "updated_at"));
    }

    private static String columnOrNull(ResultSet rs, String prefix) {
        try {
            return rs.getString(prefix + "role");
        } catch (SQLException e) {
            return null;
        }
    }

    /** Whether the failure is a unique-key violation (SQLSTATE 23505 on both H2 and PostgreSQL). */
    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Escapes LIKE wildcards with '!' so that a search for "50%" finds exactly that. */
    static String likeContains(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
