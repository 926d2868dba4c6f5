package org.pujiang.server.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.storage.AlertRepository.AlertEvent;
import org.pujiang.server.storage.AlertRepository.StoredAlert;
import org.pujiang.server.storage.AlertRepository.StoredRule;
import org.pujiang.server.storage.AlertRepository.Webhook;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.twin.rules.Condition;
import org.pujiang.twin.rules.Rule;

/** JSON shapes of rules, alerts, alert events and webhooks, shared by the REST API and webhook payloads. */
public final class AlertJson {
    private AlertJson() {}

    public static JsonObject rule(StoredRule s) {
        Rule r = s.rule();
        JsonObject o = new JsonObject().put("id", r.id());
        switch (r.scope()) {
            case Rule.Scope.Twin t -> o.put("twin", t.id());
            case Rule.Scope.Model m -> o.put("model", m.id());
        }
        if (r.property() != null) {
            o.put("property", r.property());
        }
        o.put("kind", r.condition().kind());
        switch (r.condition()) {
            case Condition.Threshold t -> o.put("op", t.op().symbol()).put("value", t.limit());
            case Condition.Range g -> o.put("min", g.min()).put("max", g.max());
            case Condition.Rate t -> o.put("maxPerSecond", t.maxPerSecond());
            case Condition.Silence q -> o.put("after", q.after().toMillis() / 1000.0);
        }
        o.put("severity", r.severity().wireName())
                .put("for", r.forDuration().toMillis() / 1000.0)
                .put("hysteresis", r.hysteresis());
        if (r.message() != null) {
            o.put("message", r.message());
        }
        return o.put("createdAt", s.createdAt().toString()).put("createdBy", s.createdBy().toString());
    }

    public static JsonObject rulePage(Page<StoredRule> page) {
        JsonArray items = new JsonArray();
        page.items().forEach(r -> items.add(rule(r)));
        return page(items, page);
    }

    public static JsonObject alert(StoredAlert a) {
        JsonObject o = new JsonObject()
                .put("id", a.id().toString())
                .put("twin", a.twin())
                .put("rule", a.ruleId())
                .put("property", a.property())
                .put("state", a.state().wireName())
                .put("severity", a.severity().wireName())
                .put("value", a.value())
                .put("message", a.message())
                .put("openedAt", a.openedAt().toString());
        if (a.acknowledgedAt() != null) {
            o.put("acknowledgedAt", a.acknowledgedAt().toString()).put("acknowledgedBy", by(a.acknowledgedBy()));
        }
        if (a.resolvedAt() != null) {
            o.put("resolvedAt", a.resolvedAt().toString()).put("resolvedBy", by(a.resolvedBy()));
        }
        return o;
    }

    /** The alert with its history, oldest first. */
    public static JsonObject alert(StoredAlert a, List<AlertEvent> events) {
        JsonArray history = new JsonArray();
        events.forEach(e -> history.add(event(e)));
        return alert(a).put("events", history);
    }

    public static JsonObject alertPage(Page<StoredAlert> page) {
        JsonArray items = new JsonArray();
        page.items().forEach(a -> items.add(alert(a)));
        return page(items, page);
    }

    public static JsonObject event(AlertEvent e) {
        return new JsonObject()
                .put("at", e.at().toString())
                .put("from", e.from() == null ? null : e.from().wireName())
                .put("to", e.to().wireName())
                .put("by", by(e.by()))
                .put("note", e.note());
    }

    /** The body POSTed to webhooks for one transition. */
    public static String payload(StoredAlert a, AlertEvent e) {
        return new JsonObject()
                .put("type", AlertChange.eventType(e.to()))
                .put("eventId", e.id())
                .put("at", e.at().toString())
                .put("alert", alert(a))
                .put("event", event(e))
                .encode();
    }

    /** A webhook; its secret only when it has just been created. */
    public static JsonObject webhook(Webhook w, boolean withSecret) {
        JsonObject o = new JsonObject()
                .put("id", w.id().toString())
                .put("url", w.url())
                .put("active", w.active())
                .put("createdBy", w.createdBy().toString())
                .put("createdAt", w.createdAt().toString());
        if (withSecret) {
            o.put("secret", w.secret());
        }
        return o;
    }

    public static JsonObject webhooks(List<Webhook> hooks) {
        JsonArray items = new JsonArray();
        hooks.forEach(w -> items.add(webhook(w, false)));
        return new JsonObject().put("items", items);
    }

    /** A user id, or "rule" when the rule itself made the change. */
    private static String by(UserId u) {
        return u == null ? "rule" : u.toString();
    }

    private static JsonObject page(JsonArray items, Page<?> page) {
        return new JsonObject().put("items", items).put("total", page.total()).put("page", page.page())
                .put("size", page.size());
    }
}
