package org.pujiang.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pujiang.server.alert.AlertJson;
import org.pujiang.server.alert.AlertService;
import org.pujiang.server.alert.RuleSpec;
import org.pujiang.server.auth.User;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.AlertRepository.Webhook;

/**
 * The REST routes of rules, alerts and webhooks (issue #5), for {@link ApiRoutes} to add to its list. Handlers
 * run on worker threads and may block; all need a session.
 */
public final class AlertRoutes {
    private static final Set<String> RULE_FIELDS = Set.of("twin", "model", "property", "kind", "op", "value", "min",
            "max", "maxPerSecond", "after", "for", "hysteresis", "severity", "message");
    /** The longest for-duration or silence a rule may have. */
    static final Duration DURATION_MAX = Duration.ofDays(30);

    private final AlertService alerts;

    public AlertRoutes(AlertService alerts) {
        this.alerts = alerts;
    }

    public List<ApiRoutes.Route> routes() {
        return List.of(
                new ApiRoutes.Route(HttpMethod.POST, "/api/rules", true,
                        c -> Reply.created(AlertJson.rule(alerts.createRule(actor(c), ruleSpec(c.json()))))),
                new ApiRoutes.Route(HttpMethod.GET, "/api/rules", true, c -> Reply.ok(AlertJson.rulePage(
                        alerts.listRules(actor(c), c.query("twin", null), c.query("model", null),
                                c.queryInt("page", 1), c.queryInt("size", 20))))),
                new ApiRoutes.Route(HttpMethod.GET, "/api/rules/:id", true,
                        c -> Reply.ok(AlertJson.rule(alerts.getRule(actor(c), c.path("id"))))),
                new ApiRoutes.Route(HttpMethod.DELETE, "/api/rules/:id", true, c -> {
                    alerts.deleteRule(actor(c), c.path("id"));
                    return Reply.noContent();
                }),
                new ApiRoutes.Route(HttpMethod.GET, "/api/alerts", true, c -> Reply.ok(AlertJson.alertPage(
                        alerts.listAlerts(actor(c), c.query("twin", null), c.query("state", null),
                                c.queryInt("page", 1), c.queryInt("size", 20))))),
                new ApiRoutes.Route(HttpMethod.GET, "/api/alerts/:id", true, c -> {
                    AlertService.AlertWithEvents a = alerts.getAlert(actor(c), c.path("id"));
                    return Reply.ok(AlertJson.alert(a.alert(), a.events()));
                }),
                new ApiRoutes.Route(HttpMethod.POST, "/api/alerts/:id/acknowledge", true, c -> Reply.ok(AlertJson.alert(
                        alerts.acknowledge(actor(c), c.path("id"), note(c))))),
                new ApiRoutes.Route(HttpMethod.POST, "/api/alerts/:id/resolve", true, c -> Reply.ok(AlertJson.alert(
                        alerts.resolve(actor(c), c.path("id"), note(c))))),
                new ApiRoutes.Route(HttpMethod.POST, "/api/webhooks", true, c -> {
                    JsonObject body = c.json();
                    Webhook w = alerts.createWebhook(actor(c), Fields.requiredString(body, "url"),
                            Fields.optionalString(body, "secret").orElse(null));
                    return Reply.created(AlertJson.webhook(w, true));
                }),
                new ApiRoutes.Route(HttpMethod.GET, "/api/webhooks", true,
                        c -> Reply.ok(AlertJson.webhooks(alerts.listWebhooks(actor(c))))),
                new ApiRoutes.Route(HttpMethod.DELETE, "/api/webhooks/:id", true, c -> {
                    alerts.deleteWebhook(actor(c), c.path("id"));
                    return Reply.noContent();
                }));
    }

    /** Reads a rule body; type errors are 422 request:field.invalid, unknown fields and bad durations rule:invalid. */
    public static RuleSpec ruleSpec(JsonObject b) {
        for (String name : b.fieldNames()) {
            if (!RULE_FIELDS.contains(name)) {
                throw new ApiException(ErrorCode.RULE_INVALID, "unknown field " + brief(name) + "; a rule has "
                        + String.join(", ", RULE_FIELDS.stream().sorted().toList()), name, null);
            }
        }
        return new RuleSpec(
                Fields.optionalString(b, "twin").orElse(null),
                Fields.optionalString(b, "model").orElse(null),
                Fields.optionalString(b, "property").orElse(null),
                Fields.optionalString(b, "kind").orElse(null),
                Fields.optionalString(b, "op").orElse(null),
                optionalDouble(b, "value").orElse(null),
                optionalDouble(b, "min").orElse(null),
                optionalDouble(b, "max").orElse(null),
                optionalDouble(b, "maxPerSecond").orElse(null),
                optionalDuration(b, "after").orElse(null),
                optionalDuration(b, "for").orElse(null),
                optionalDouble(b, "hysteresis").orElse(null),
                Fields.optionalString(b, "severity").orElse(null),
                Fields.optionalString(b, "message").orElse(null));
    }

    private static Optional<Double> optionalDouble(JsonObject o, String name) {
        Object v = o.getValue(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        throw ApiException.invalid(name, name + " must be a number, got " + typeName(v));
    }

    /** Seconds as a number, or an ISO-8601 duration such as "PT5M". */
    private static Optional<Duration> optionalDuration(JsonObject o, String name) {
        Object v = o.getValue(name);
        if (v == null) {
            return Optional.empty();
        }
        Duration d;
        if (v instanceof Number n) {
            double s = n.doubleValue();
            if (!Double.isFinite(s) || s < 0 || s > DURATION_MAX.toSeconds()) {
                throw new ApiException(ErrorCode.RULE_INVALID, name + " must be 0 to " + DURATION_MAX.toSeconds()
                        + " seconds, got " + n, name, null);
            }
            d = Duration.ofMillis(Math.round(s * 1000));
        } else if (v instanceof String s) {
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new ApiException(ErrorCode.RULE_INVALID, name + " must be seconds or an ISO-8601 duration such"
                        + " as PT5M, got '" + brief(s) + "'", name, null);
            }
            if (d.isNegative() || d.compareTo(DURATION_MAX) > 0) {
                throw new ApiException(ErrorCode.RULE_INVALID, name + " must be 0 to " + DURATION_MAX, name, null);
            }
        } else {
            throw ApiException.invalid(name, name + " must be a number of seconds or an ISO-8601 duration string, got "
                    + typeName(v));
        }
        return Optional.of(d);
    }

    private static String note(Call c) {
        return Fields.optionalString(c.jsonOrEmpty(), "note").orElse(null);
    }

    private static User actor(Call c) {
        return c.session().user();
    }

    private static String typeName(Object v) {
        return v instanceof String ? "a string" : v instanceof Boolean ? "a boolean" : v instanceof JsonArray
                ? "an array" : v instanceof JsonObject ? "an object" : v.getClass().getSimpleName();
    }

    private static String brief(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
