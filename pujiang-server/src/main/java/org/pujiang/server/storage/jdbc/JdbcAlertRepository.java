package org.pujiang.server.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.pujiang.server.auth.Ids;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.AlertRepository;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.twin.rules.Condition;
import org.pujiang.twin.rules.Rule;
import org.pujiang.twin.rules.Severity;

/** Rules, alerts, alert_events, webhooks and webhook_deliveries (V6). */
public final class JdbcAlertRepository implements AlertRepository {
    private static final String RULE_COLUMNS = "id, twin_id, model_id, property, kind, op, limit_value, range_min,"
            + " range_max, rate_max, silence_ms, for_ms, hysteresis, severity, message, created_at, created_by";
    private static final String ALERT_COLUMNS = "id, rule_id, twin_id, property, state, severity, opened_at,"
            + " acknowledged_at, acknowledged_by, resolved_at, resolved_by, alert_value, message";
    private static final String UNRESOLVED = "state IN ('open', 'acknowledged')";

    private final Jdbi jdbi;

    /** For tests and for {@link Database}: the repository over {@code jdbi}. */
    public JdbcAlertRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    // --- rules

    @Override
    public void insertRule(StoredRule s) {
        Rule r = s.rule();
        jdbi.useHandle(h -> {
            Update up = h.createUpdate("INSERT INTO rules (" + RULE_COLUMNS + ") VALUES (:id, :twin, :model, :property,"
                            + " :kind, :op, :limit, :min, :max, :rate, :silence, :forMs, :hysteresis, :severity,"
                            + " :message, :createdAt, :createdBy)")
                    .bind("id", UUID.fromString(r.id()))
                    .bind("twin", r.scope() instanceof Rule.Scope.Twin t ? t.id() : null)
                    .bind("model", r.scope() instanceof Rule.Scope.Model m ? m.id() : null)
                    .bind("property", r.property())
                    .bind("kind", r.condition().kind())
                    .bind("forMs", r.forDuration().toMillis())
                    .bind("hysteresis", r.hysteresis())
                    .bind("severity", r.severity().wireName())
                    .bind("message", r.message())
                    .bind("createdAt", Sql.ts(s.createdAt()))
                    .bind("createdBy", s.createdBy().value())
                    .bindNull("op", Types.VARCHAR)
                    .bindNull("limit", Types.DOUBLE)
                    .bindNull("min", Types.DOUBLE)
                    .bindNull("max", Types.DOUBLE)
                    .bindNull("rate", Types.DOUBLE)
                    .bindNull("silence", Types.BIGINT);
            switch (r.condition()) {
                case Condition.Threshold t -> up.bind("op", t.op().symbol()).bind("limit", t.limit());
                case Condition.Range g -> up.bind("min", g.min()).bind("max", g.max());
                case Condition.Rate t -> up.bind("rate", t.maxPerSecond());
                case Condition.Silence q -> up.bind("silence", q.after().toMillis());
            }
            up.execute();
        });
    }

    @Override
    public Optional<StoredRule> findRule(String id) {
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RULE_COLUMNS + " FROM rules WHERE id = :id")
                .bind("id", uuid.get()).map((rs, ctx) -> rule(rs)).findOne());
    }

    @Override
    public List<StoredRule> allRules() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RULE_COLUMNS + " FROM rules ORDER BY created_at, id")
                .map((rs, ctx) -> rule(rs)).list());
    }

    @Override
    public Page<StoredRule> listRules(String twin, String model, int page, int size) {
        String where = " WHERE 1 = 1" + (twin != null ? " AND twin_id = :twin" : "")
                + (model != null ? " AND model_id = :model" : "");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT " + RULE_COLUMNS + " FROM rules" + where
                    + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
            Query c = h.createQuery("SELECT COUNT(*) FROM rules" + where);
            for (Query x : List.of(q, c)) {
                if (twin != null) {
                    x.bind("twin", twin);
                }
                if (model != null) {
                    x.bind("model", model);
                }
            }
            List<StoredRule> items = q.bind("limit", size).bind("offset", (long) (page - 1) * size)
                    .map((rs, ctx) -> rule(rs)).list();
            return new Page<>(items, c.mapTo(Long.class).one(), page, size);
        });
    }

    @Override
    public boolean deleteRule(String id) {
        Optional<UUID> uuid = uuid(id);
        return uuid.isPresent() && jdbi.withHandle(h -> h.createUpdate("DELETE FROM rules WHERE id = :id")
                .bind("id", uuid.get()).execute()) == 1;
    }

    // --- alerts

    @Override
    public Optional<StoredAlert> findAlert(UUID id) {
        return jdbi.withHandle(h -> findAlert(h, id));
    }

    private static Optional<StoredAlert> findAlert(Handle h, UUID id) {
        return h.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> alert(rs)).findOne();
    }

    @Override
    public Optional<StoredAlert> findUnresolved(String ruleId, String twin) {
        Optional<UUID> uuid = uuid(ruleId);
        if (uuid.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE rule_id = :rule"
                        + " AND twin_id = :twin AND " + UNRESOLVED + " ORDER BY opened_at DESC, id DESC LIMIT 1")
                .bind("rule", uuid.get()).bind("twin", twin).map((rs, ctx) -> alert(rs)).findOne());
    }

    @Override
    public List<StoredAlert> unresolved() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE " + UNRESOLVED
                + " ORDER BY opened_at, id").map((rs, ctx) -> alert(rs)).list());
    }

    @Override
    public Page<StoredAlert> listAlerts(AlertQuery aq) {
        String where = " WHERE 1 = 1" + (aq.twin() != null ? " AND twin_id = :twin" : "")
                + (aq.state() != null ? " AND state = :state" : "");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts" + where
                    + " ORDER BY opened_at DESC, id DESC LIMIT :limit OFFSET :offset");
            Query c = h.createQuery("SELECT COUNT(*) FROM alerts" + where);
            for (Query x : List.of(q, c)) {
                if (aq.twin() != null) {
                    x.bind("twin", aq.twin());
                }
                if (aq.state() != null) {
                    x.bind("state", aq.state().wireName());
                }
            }
            List<StoredAlert> items = q.bind("limit", aq.size()).bind("offset", (long) (aq.page() - 1) * aq.size())
                    .map((rs, ctx) -> alert(rs)).list();
            return new Page<>(items, c.mapTo(Long.class).one(), aq.page(), aq.size());
        });
    }

    @Override
    public List<AlertEvent> events(UUID alertId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, alert_id, occurred_at, from_state, to_state, by_user, note"
                        + " FROM alert_events WHERE alert_id = :id ORDER BY id")
                .bind("id", alertId).map((rs, ctx) -> event(rs)).list());
    }

    @Override
    public AlertEvent open(StoredAlert a, String note, String eventType, Payload payload) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO alerts (" + ALERT_COLUMNS + ") VALUES (:id, :rule, :twin, :property, 'open',"
                            + " :severity, :openedAt, NULL, NULL, NULL, NULL, :value, :message)")
                    .bind("id", a.id())
                    .bind("rule", UUID.fromString(a.ruleId()))
                    .bind("twin", a.twin())
                    .bind("property", a.property())
                    .bind("severity", a.severity().wireName())
                    .bind("openedAt", Sql.ts(a.openedAt()))
                    .bindByType("value", a.value(), Double.class)
                    .bind("message", a.message())
                    .execute();
            StoredAlert stored = findAlert(h, a.id()).orElseThrow();
            AlertEvent e = insertEvent(h, a.id(), a.openedAt(), null, AlertState.OPEN, null, note);
            queueDeliveries(h, stored, e, eventType, payload, a.openedAt());
            return e;
        });
    }

    @Override
    public Optional<Transition> transition(UUID alertId, List<AlertState> from, AlertState to, Instant at, UserId by,
                                           String note, String eventType, Payload payload) {
        return jdbi.inTransaction(h -> {
            Optional<StoredAlert> before = h.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = :id FOR UPDATE")
                    .bind("id", alertId).map((rs, ctx) -> alert(rs)).findOne();
            if (before.isEmpty() || !from.contains(before.get().state())) {
                return Optional.<Transition>empty();
            }
            String set = switch (to) {
                case ACKNOWLEDGED -> "acknowledged_at = :at, acknowledged_by = :by";
                case RESOLVED -> "resolved_at = :at, resolved_by = :by";
                case OPEN -> throw new IllegalArgumentException("alerts are opened by open(), not reopened");
            };
            h.createUpdate("UPDATE alerts SET state = :to, " + set + " WHERE id = :id")
                    .bind("to", to.wireName())
                    .bind("at", Sql.ts(at))
                    .bind("by", uuidArg(by))
                    .bind("id", alertId)
                    .execute();
            StoredAlert after = findAlert(h, alertId).orElseThrow();
            AlertEvent e = insertEvent(h, alertId, at, before.get().state(), to, by, note);
            queueDeliveries(h, after, e, eventType, payload, at);
            return Optional.of(new Transition(after, e));
        });
    }

    private static AlertEvent insertEvent(Handle h, UUID alertId, Instant at, AlertState from, AlertState to,
                                          UserId by, String note) {
        long id = h.createUpdate("INSERT INTO alert_events (alert_id, occurred_at, from_state, to_state, by_user, note)"
                        + " VALUES (:alert, :at, :from, :to, :by, :note)")
                .bind("alert", alertId)
                .bind("at", Sql.ts(at))
                .bindByType("from", from == null ? null : from.wireName(), String.class)
                .bind("to", to.wireName())
                .bind("by", uuidArg(by))
                .bindByType("note", note, String.class)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new AlertEvent(id, alertId, at, from, to, by, note);
    }

    private static void queueDeliveries(Handle h, StoredAlert alert, AlertEvent e, String eventType, Payload payload,
                                        Instant at) {
        List<UUID> hooks = h.createQuery("SELECT id FROM webhooks WHERE active = TRUE").mapTo(UUID.class).list();
        if (hooks.isEmpty()) {
            return;
        }
        String body = payload.apply(alert, e);
        for (UUID hook : hooks) {
            h.createUpdate("INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, payload, attempts,"
                            + " next_attempt_at, state, created_at) VALUES (:id, :hook, :event, :type, :payload, 0,"
                            + " :at, 'pending', :at)")
                    .bind("id", Ids.newId())
                    .bind("hook", hook)
                    .bind("event", e.id())
                    .bind("type", eventType)
                    .bind("payload", body)
                    .bind("at", Sql.ts(at))
                    .execute();
        }
    }

    // --- webhooks

    @Override
    public void insertWebhook(Webhook w) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO webhooks (id, url, secret, created_by, created_at, active)"
                        + " VALUES (:id, :url, :secret, :by, :at, :active)")
                .bind("id", w.id()).bind("url", w.url()).bind("secret", w.secret())
                .bind("by", w.createdBy().value()).bind("at", Sql.ts(w.createdAt())).bind("active", w.active())
                .execute());
    }

    @Override
    public List<Webhook> webhooks() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, url, secret, created_by, created_at, active FROM webhooks"
                + " ORDER BY created_at, id").map((rs, ctx) -> webhook(rs)).list());
    }

    @Override
    public Optional<Webhook> findWebhook(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, url, secret, created_by, created_at, active FROM webhooks"
                + " WHERE id = :id").bind("id", id).map((rs, ctx) -> webhook(rs)).findOne());
    }

    @Override
    public boolean deleteWebhook(UUID id) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM webhook_deliveries WHERE webhook_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM webhooks WHERE id = :id").bind("id", id).execute() == 1;
        });
    }

    @Override
    public List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbi.inTransaction(h -> {
            List<Delivery> due = h.createQuery("SELECT d.id, d.webhook_id, w.url, w.secret, d.event_id, d.event_type,"
                            + " d.payload, d.attempts, d.next_attempt_at FROM webhook_deliveries d"
                            + " JOIN webhooks w ON w.id = d.webhook_id"
                            + " WHERE d.state = 'pending' AND d.next_attempt_at <= :now"
                            + " ORDER BY d.next_attempt_at, d.id LIMIT :limit")
                    .bind("now", Sql.ts(now)).bind("limit", limit)
                    .map((rs, ctx) -> new Delivery(Sql.uuid(rs, "id"), Sql.uuid(rs, "webhook_id"), rs.getString("url"),
                            rs.getString("secret"), rs.getLong("event_id"), rs.getString("event_type"),
                            rs.getString("payload"), rs.getInt("attempts"), Sql.instant(rs, "next_attempt_at")))
                    .list();
            List<Delivery> claimed = new ArrayList<>(due.size());
            for (Delivery d : due) {
                // compare-and-set on next_attempt_at: another node that read the same row loses
                int n = h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :lease WHERE id = :id"
                                + " AND state = 'pending' AND next_attempt_at = :seen")
                        .bind("lease", Sql.ts(leaseUntil)).bind("id", d.id()).bind("seen", Sql.ts(d.nextAttemptAt()))
                        .execute();
                if (n == 1) {
                    claimed.add(d);
                }
            }
            return claimed;
        });
    }

    @Override
    public Optional<Instant> nextDue() {
        return jdbi.withHandle(h -> h.createQuery("SELECT MIN(next_attempt_at) AS t FROM webhook_deliveries"
                + " WHERE state = 'pending'").map((rs, ctx) -> Sql.instant(rs, "t")).findOne());
    }

    @Override
    public void delivered(UUID deliveryId, int attempts, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET state = 'delivered', attempts = :attempts,"
                        + " delivered_at = :at, last_error = NULL WHERE id = :id")
                .bind("attempts", attempts).bind("at", Sql.ts(at)).bind("id", deliveryId).execute());
    }

    @Override
    public void attemptFailed(UUID deliveryId, int attempts, Instant next, String error) {
        String err = error == null ? null : error.length() <= 1024 ? error : error.substring(0, 1023) + "…";
        jdbi.useHandle(h -> {
            if (next == null) {
                h.createUpdate("UPDATE webhook_deliveries SET state = 'failed', attempts = :attempts,"
                                + " last_error = :error WHERE id = :id")
                        .bind("attempts", attempts).bindByType("error", err, String.class).bind("id", deliveryId)
                        .execute();
            } else {
                h.createUpdate("UPDATE webhook_deliveries SET attempts = :attempts, next_attempt_at = :next,"
                                + " last_error = :error WHERE id = :id")
                        .bind("attempts", attempts).bind("next", Sql.ts(next)).bindByType("error", err, String.class)
                        .bind("id", deliveryId).execute();
            }
        });
    }

    @Override
    public List<DeliveryRow> deliveries(UUID webhookId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, event_id, event_type, attempts, state, last_error,"
                        + " delivered_at FROM webhook_deliveries WHERE webhook_id = :id ORDER BY created_at DESC, event_id DESC")
                .bind("id", webhookId)
                .map((rs, ctx) -> new DeliveryRow(Sql.uuid(rs, "id"), rs.getLong("event_id"), rs.getString("event_type"),
                        rs.getInt("attempts"), DeliveryState.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT)),
                        rs.getString("last_error"), Sql.instant(rs, "delivered_at")))
                .list());
    }

    // --- mapping

    private static StoredRule rule(ResultSet rs) throws SQLException {
        String twin = rs.getString("twin_id");
        Rule.Scope scope = twin != null ? new Rule.Scope.Twin(twin) : new Rule.Scope.Model(rs.getString("model_id"));
        String kind = rs.getString("kind");
        Condition c = switch (kind) {
            case "threshold" -> new Condition.Threshold(Condition.Op.fromSymbol(rs.getString("op")).orElseThrow(
                    () -> new IllegalStateException("unknown op in rules: " + columnOrNull(rs, "op"))),
                    rs.getDouble("limit_value"));
            case "range" -> new Condition.Range(rs.getDouble("range_min"), rs.getDouble("range_max"));
            case "rate" -> new Condition.Rate(rs.getDouble("rate_max"));
            case "silence" -> new Condition.Silence(Duration.ofMillis(rs.getLong("silence_ms")));
            default -> throw new IllegalStateException("unknown rule kind in database: " + kind);
        };
        Rule rule = new Rule(Sql.uuid(rs, "id").toString(), scope, rs.getString("property"), c,
                severity(rs.getString("severity")), Duration.ofMillis(rs.getLong("for_ms")), rs.getDouble("hysteresis"),
                rs.getString("message"));
        return new StoredRule(rule, Sql.instant(rs, "created_at"), new UserId(Sql.uuid(rs, "created_by")));
    }

    private static StoredAlert alert(ResultSet rs) throws SQLException {
        double v = rs.getDouble("alert_value");
        Double value = rs.wasNull() ? null : v;
        return new StoredAlert(Sql.uuid(rs, "id"), Sql.uuid(rs, "rule_id").toString(), rs.getString("twin_id"),
                rs.getString("property"), state(rs.getString("state")), severity(rs.getString("severity")),
                Sql.instant(rs, "opened_at"), Sql.instant(rs, "acknowledged_at"), user(rs, "acknowledged_by"),
                Sql.instant(rs, "resolved_at"), user(rs, "resolved_by"), value, rs.getString("message"));
    }

    private static AlertEvent event(ResultSet rs) throws SQLException {
        String from = rs.getString("from_state");
        return new AlertEvent(rs.getLong("id"), Sql.uuid(rs, "alert_id"), Sql.instant(rs, "occurred_at"),
                from == null ? null : state(from), state(rs.getString("to_state")), user(rs, "by_user"),
                rs.getString("note"));
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        return new Webhook(Sql.uuid(rs, "id"), rs.getString("url"), rs.getString("secret"),
                new UserId(Sql.uuid(rs, "created_by")), Sql.instant(rs, "created_at"), rs.getBoolean("active"));
    }

    private static UserId user(ResultSet rs, String column) throws SQLException {
        UUID u = Sql.uuid(rs, column);
        return u == null ? null : new UserId(u);
    }

    private static AlertState state(String s) {
        return AlertState.fromWire(s).orElseThrow(() -> new IllegalStateException("unknown alert state in database: " + s));
    }

    private static Severity severity(String s) {
        return Severity.fromWire(s).orElseThrow(() -> new IllegalStateException("unknown severity in database: " + s));
    }

    private static String columnOrNull(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            return null;
        }
    }

    /** A nullable UUID; a null is typed OTHER, which PostgreSQL accepts for a uuid column (VARCHAR it does not). */
    private static Argument uuidArg(UserId u) {
        return u == null ? new NullArgument(Types.OTHER) : ObjectArgument.of(u.value(), Types.OTHER);
    }

    private static Optional<UUID> uuid(String s) {
        if (s == null || s.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
