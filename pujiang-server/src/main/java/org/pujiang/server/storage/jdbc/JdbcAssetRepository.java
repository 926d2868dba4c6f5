package org.pujiang.server.storage.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.AssetRepository;

final class JdbcAssetRepository implements AssetRepository {
    private final Jdbi jdbi;

    JdbcAssetRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Verification> verification(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id, name_masked, id_digest, id_masked, birth_date,"
                        + " verified_at FROM identity_verifications WHERE user_id = :user")
                .bind("user", user.value())
                .map((rs, ctx) -> new Verification(new UserId(Sql.uuid(rs, "user_id")), rs.getString("name_masked"),
                        rs.getString("id_digest"), rs.getString("id_masked"),
                        rs.getObject("birth_date", LocalDate.class), Sql.instant(rs, "verified_at")))
                .findOne());
    }

    @Override
    public boolean saveVerification(Verification v) {
        try {
            jdbi.useTransaction(h -> {
                h.createUpdate("DELETE FROM identity_verifications WHERE user_id = :user")
                        .bind("user", v.user().value()).execute();
                h.createUpdate("INSERT INTO identity_verifications (user_id, name_masked, id_digest, id_masked,"
                                + " birth_date, verified_at) VALUES (:user, :name, :digest, :masked, :birth, :at)")
                        .bind("user", v.user().value())
                        .bind("name", v.nameMasked())
                        .bind("digest", v.idDigest())
                        .bind("masked", v.idMasked())
                        .bind("birth", v.birthDate())
                        .bind("at", Sql.ts(v.verifiedAt()))
                        .execute();
            });
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean isApprovedCreator(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM approved_creators WHERE user_id = :user")
                .bind("user", user.value()).mapTo(Long.class).one()) > 0;
    }

    @Override
    public boolean approveCreator(UserId user, UserId by, Instant at) {
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM users WHERE id = :user").bind("user", user.value())
                    .mapTo(Long.class).one() == 0) {
                return false;
            }
            h.createUpdate("DELETE FROM approved_creators WHERE user_id = :user").bind("user", user.value()).execute();
            h.createUpdate("INSERT INTO approved_creators (user_id, approved_by, approved_at) VALUES (:user, :by, :at)")
                    .bind("user", user.value()).bind("by", by.value()).bind("at", Sql.ts(at)).execute();
            return true;
        });
    }

    @Override
    public boolean revokeCreator(UserId user) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM approved_creators WHERE user_id = :user")
                .bind("user", user.value()).execute()) > 0;
    }

    @Override
    public List<UserId> approvedCreators() {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM approved_creators ORDER BY approved_at, user_id")
                .map((rs, ctx) -> new UserId(Sql.uuid(rs, "user_id"))).list());
    }

    @Override
    public List<Placement> placements(UUID space) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, space_id, asset_id, edition, slot, placed_by, created_at"
                        + " FROM asset_placements WHERE space_id = :space ORDER BY slot")
                .bind("space", space)
                .map((rs, ctx) -> new Placement(Sql.uuid(rs, "id"), Sql.uuid(rs, "space_id"), Sql.uuid(rs, "asset_id"),
                        rs.getInt("edition"), rs.getString("slot"), new UserId(Sql.uuid(rs, "placed_by")),
                        Sql.instant(rs, "created_at")))
                .list());
    }

    @Override
    public boolean place(Placement p) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO asset_placements (id, space_id, asset_id, edition, slot,"
                            + " placed_by, created_at) VALUES (:id, :space, :asset, :edition, :slot, :by, :at)")
                    .bind("id", p.id()).bind("space", p.space()).bind("asset", p.asset()).bind("edition", p.edition())
                    .bind("slot", p.slot()).bind("by", p.placedBy().value()).bind("at", Sql.ts(p.createdAt()))
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
    public boolean unplace(UUID space, UUID placement) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM asset_placements WHERE space_id = :space AND id = :id")
                .bind("space", space).bind("id", placement).execute()) > 0;
    }

    @Override
    public void audit(Instant at, UserId actor, String action, String outcome, String subject, String message) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (at, actor_id, action, outcome, subject, message)"
                        + " VALUES (:at, :actor, :action, :outcome, :subject, :message)")
                .bind("at", Sql.ts(at))
                .bindByType("actor", actor == null ? null : actor.value(), UUID.class)
                .bind("action", clip(action, 64))
                .bind("outcome", clip(outcome, 64))
                .bindByType("subject", subject == null ? null : clip(subject, 256), String.class)
                .bind("message", clip(message, 1024))
                .execute());
    }

    @Override
    public List<AuditEvent> audit(long before, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, at, actor_id, action, outcome, subject, message"
                        + " FROM audit_log WHERE (:before = 0 OR id < :before) ORDER BY id DESC LIMIT :limit")
                .bind("before", before)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    UUID actor = Sql.uuid(rs, "actor_id");
                    return new AuditEvent(rs.getLong("id"), Sql.instant(rs, "at"), actor == null ? null : new UserId(actor),
                            rs.getString("action"), rs.getString("outcome"), rs.getString("subject"),
                            rs.getString("message"));
                })
                .list());
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
