package org.pujiang.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.pujiang.server.alert.AlertService;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.AlertRepository.StoredAlert;
import org.pujiang.server.twin.Replays;
import org.pujiang.server.twin.TwinModelService;
import org.pujiang.server.twin.TwinService;
import org.pujiang.space.SpaceId;
import org.pujiang.twin.model.CompiledModel;
import org.pujiang.twin.model.Validation;
import org.pujiang.twin.rules.AlertSignal;
import org.pujiang.twin.rules.WhatIf;
import org.pujiang.twin.state.Payloads;

/**
 * Replay (play a window of history into a space) and what-if (run a scripted scenario against a copy of a twin's
 * state and the rules, touching neither live state nor live alerts). docs/twins.md, "Replay and what-if".
 */
public final class ScenarioRoutes {
    /** The most steps one what-if scenario may have. */
    static final int MAX_STEPS = 10_000;

    private final SpaceService spaces;
    private final TwinService twins;
    private final TwinModelService models;
    private final AlertService alerts;
    private final Replays replays;

    public ScenarioRoutes(SpaceService spaces, TwinService twins, TwinModelService models, AlertService alerts,
            Replays replays) {
        this.spaces = spaces;
        this.twins = twins;
        this.models = models;
        this.alerts = alerts;
        this.replays = replays;
    }

    public List<ApiRoutes.Route> routes() {
        return List.of(
                new ApiRoutes.Route(HttpMethod.POST, "/api/spaces/:id/replay", true, this::startReplay),
                new ApiRoutes.Route(HttpMethod.GET, "/api/spaces/:id/replay", true, c -> {
                    SpaceId space = spaceId(c);
                    spaces.get(c.session().user(), space);
                    return Reply.ok(replays.status(space).map(ScenarioRoutes::status).orElseThrow(
                            () -> new ApiException(ErrorCode.NOT_FOUND, "no replay is running in this space")));
                }),
                new ApiRoutes.Route(HttpMethod.DELETE, "/api/spaces/:id/replay", true, c -> {
                    SpaceId space = spaceId(c);
                    spaces.manageable(c.session().user(), space);
                    if (!replays.stop(space)) {
                        throw new ApiException(ErrorCode.NOT_FOUND, "no replay is running in this space");
                    }
                    return Reply.noContent();
                }),
                new ApiRoutes.Route(HttpMethod.POST, "/api/twins/:id/what-if", true, this::whatIf));
    }

    private Reply startReplay(Call c) {
        SpaceId space = spaceId(c);
        spaces.manageable(c.session().user(), space);
        JsonObject b = c.json();
        Instant from = instant(b, "from");
        Instant to = b.getValue("to") == null ? Instant.now() : instant(b, "to");
        Object speed = b.getValue("speed", 1);
        if (!(speed instanceof Number n)) {
            throw ApiException.invalid("speed", "speed is a number, times real time");
        }
        return new Reply(202, status(replays.start(space, from, to, n.doubleValue())));
    }

    private static JsonObject status(Replays.Status s) {
        return new JsonObject().put("space", s.space().toString()).put("from", s.from().toString())
                .put("to", s.to().toString()).put("speed", s.speed()).put("at", s.at().toString())
                .put("points", s.points()).put("done", s.done());
    }

    /**
     * Body: {@code {steps: [{at, values?}]}} where {@code at} is milliseconds or an ISO-8601 duration after the
     * start (now), and {@code values} the twin's property values then; a step without values only lets time pass.
     */
    private Reply whatIf(Call c) {
        String id = c.path("id");
        TwinService.TwinView view = twins.get(c.session().user(), id);
        JsonObject b = c.json();
        JsonArray steps = b.getJsonArray("steps");
        if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw ApiException.invalid("steps", "steps is a list of 1 to " + MAX_STEPS + " {at, values?}");
        }
        String modelId = view.record().modelId();
        CompiledModel model = models.compiled(modelId).orElseThrow();
        long start = System.currentTimeMillis();
        ObjectNode state = ((ObjectNode) view.state().get("reported")).deepCopy();
        List<WhatIf.Step> scenario = new ArrayList<>();
        long last = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.getValue(i) instanceof JsonObject step)) {
                throw ApiException.invalid("steps/" + i, "a step is {at, values?}");
            }
            long at = offset(step.getValue("at"), "steps/" + i + "/at");
            if (at < last) {
                throw ApiException.invalid("steps/" + i + "/at", "steps go forward in time");
            }
            last = at;
            long ts = start + at;
            JsonObject values = step.getJsonObject("values");
            if (values == null || values.isEmpty()) {
                scenario.add(new WhatIf.Step.Clock(ts));
                continue;
            }
            JsonNode node = json(values.encode());
            if (model.validateReported(node) instanceof Validation.Rejected r) {
                throw new ApiException(ErrorCode.TWIN_PAYLOAD_INVALID, r.reason(), "steps/" + i + "/values" + r.pointer(),
                        null);
            }
            for (var e : node.properties()) {
                state.set(e.getKey(), e.getValue());
                JsonNode v = e.getValue();
                if (v.isNumber() || v.isBoolean()) {
                    scenario.add(new WhatIf.Step.Value(id, modelId, e.getKey(),
                            v.isBoolean() ? (v.booleanValue() ? 1 : 0) : v.doubleValue(), ts));
                }
            }
        }
        List<WhatIf.OpenAlert> open = new ArrayList<>();
        for (StoredAlert a : alerts.unresolved()) {
            if (a.twin().equals(id)) {
                open.add(new WhatIf.OpenAlert(a.ruleId(), a.twin()));
            }
        }
        long lastSeen = view.state().path("lastSeen").asLong(-1);
        List<WhatIf.Seen> seen = lastSeen < 0 ? List.of() : List.of(new WhatIf.Seen(id, modelId, lastSeen));
        List<AlertSignal> signals;
        try {
            signals = WhatIf.run(alerts.current(), new WhatIf.Start(open, seen), scenario);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("steps", e.getMessage());
        }
        JsonArray out = new JsonArray();
        for (AlertSignal s : signals) {
            switch (s) {
                case AlertSignal.Raised r -> out.add(new JsonObject().put("event", "opened").put("rule", r.ruleId())
                        .put("property", r.property()).put("value", r.value()).put("severity", r.severity().wireName())
                        .put("message", r.message()).put("at", Instant.ofEpochMilli(r.tsMs()).toString())
                        .put("offsetMs", r.tsMs() - start));
                case AlertSignal.Cleared x -> out.add(new JsonObject().put("event", "resolved").put("rule", x.ruleId())
                        .put("value", Double.isFinite(x.value()) ? x.value() : null).put("at", Instant.ofEpochMilli(x.tsMs()).toString())
                        .put("offsetMs", x.tsMs() - start));
            }
        }
        return Reply.ok(new JsonObject().put("twin", id).put("start", Instant.ofEpochMilli(start).toString())
                .put("steps", steps.size()).put("alerts", out).put("final", new JsonObject(state.toString())));
    }

    private static long offset(Object at, String field) {
        if (at instanceof Number n && n.longValue() >= 0 && n.longValue() <= Duration.ofDays(366).toMillis()) {
            return n.longValue();
        }
        if (at instanceof String s) {
            try {
                Duration d = Duration.parse(s);
                if (!d.isNegative() && d.compareTo(Duration.ofDays(366)) <= 0) {
                    return d.toMillis();
                }
            } catch (DateTimeParseException e) {
                // falls through
            }
        }
        throw ApiException.invalid(field, "at is milliseconds or an ISO-8601 duration (PT30S) after the start, at most"
                + " a year");
    }

    private static Instant instant(JsonObject b, String field) {
        Object v = b.getValue(field);
        if (v == null) {
            throw ApiException.missing(field);
        }
        try {
            return TwinRoutes.instant(String.valueOf(v), field);
        } catch (ApiException e) {
            throw ApiException.invalid(field, field + " is ISO-8601 or epoch milliseconds");
        }
    }

    private static JsonNode json(String s) {
        try {
            return Payloads.mapper().readTree(s);
        } catch (java.io.IOException e) {
            throw new ApiException(ErrorCode.JSON_MALFORMED, "the body is not valid JSON");
        }
    }

    private static SpaceId spaceId(Call c) {
        return ApiRoutes.spaceId(c);
    }
}
