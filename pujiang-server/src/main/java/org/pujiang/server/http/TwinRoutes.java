package org.pujiang.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.pujiang.server.auth.AuthService;
import org.pujiang.server.auth.User;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.server.storage.TwinModelRepository.SourceFormat;
import org.pujiang.server.storage.TwinRepository.Binding;
import org.pujiang.server.storage.TwinRepository.Link;
import org.pujiang.server.storage.history.HistoryRepository.Bucket;
import org.pujiang.server.twin.TwinAcl;
import org.pujiang.server.twin.TwinModelService;
import org.pujiang.server.twin.TwinService;
import org.pujiang.server.twin.TwinService.Location;
import org.pujiang.server.twin.TwinService.TwinView;
import org.pujiang.server.twin.ingress.IngestKind;
import org.pujiang.server.twin.ingress.IngestResult;
import org.pujiang.space.SpaceId;
import org.pujiang.twin.state.Payloads;

/** The REST routes of twin models, twins, device ingestion, history and space bindings (docs/twins.md). */
public final class TwinRoutes {
    private final AuthService auth;
    private final SpaceService spaces;
    private final TwinModelService models;
    private final TwinService twins;

    public TwinRoutes(AuthService auth, SpaceService spaces, TwinModelService models, TwinService twins) {
        this.auth = auth;
        this.spaces = spaces;
        this.models = models;
        this.twins = twins;
    }

    public List<ApiRoutes.Route> routes() {
        return List.of(
                route(HttpMethod.POST, "/api/models", this::createModel),
                route(HttpMethod.GET, "/api/models", c -> Reply.ok(Views.twinModelPage(
                        models.list(actor(c), c.queryInt("page", 1), c.queryInt("size", 20))))),
                route(HttpMethod.GET, "/api/models/:id",
                        c -> Reply.ok(Views.twinModel(models.get(actor(c), c.path("id")).stored(), true))),
                route(HttpMethod.PATCH, "/api/models/:id", this::updateModel),
                route(HttpMethod.DELETE, "/api/models/:id", c -> {
                    models.delete(actor(c), c.path("id"));
                    return Reply.noContent();
                }),
                route(HttpMethod.POST, "/api/twins", this::createTwin),
                route(HttpMethod.GET, "/api/twins", this::queryTwins),
                route(HttpMethod.GET, "/api/twins/:id", c -> {
                    String id = c.path("id");
                    JsonObject t = twin(twins.get(actor(c), id));
                    // What the caller may do, so that a client offers only the controls that will work.
                    t.put("may", new JsonObject().put("read", true)
                            .put("write", twins.allows(actor(c), id, TwinAcl.Permission.WRITE))
                            .put("command", twins.allows(actor(c), id, TwinAcl.Permission.COMMAND)));
                    return Reply.ok(t);
                }),
                route(HttpMethod.PATCH, "/api/twins/:id", this::updateTwin),
                route(HttpMethod.DELETE, "/api/twins/:id", c -> {
                    twins.delete(actor(c), c.path("id"));
                    return Reply.noContent();
                }),
                route(HttpMethod.POST, "/api/twins/:id/credentials",
                        c -> Reply.created(new JsonObject().put("twin", c.path("id"))
                                .put("token", twins.newCredential(actor(c), c.path("id"))))),
                route(HttpMethod.DELETE, "/api/twins/:id/credentials", c -> {
                    twins.revokeCredentials(actor(c), c.path("id"));
                    return Reply.noContent();
                }),
                new ApiRoutes.Route(HttpMethod.POST, "/api/twins/:id/telemetry", false,
                        c -> ingest(c, IngestKind.TELEMETRY)),
                new ApiRoutes.Route(HttpMethod.POST, "/api/twins/:id/attributes", false,
                        c -> ingest(c, IngestKind.ATTRIBUTES)),
                new ApiRoutes.Route(HttpMethod.POST, "/api/twins/:id/update", false, c -> ingest(c, IngestKind.SHADOW)),
                route(HttpMethod.PATCH, "/api/twins/:id/desired", this::desire),
                route(HttpMethod.POST, "/api/twins/:id/actions/:action", this::invoke),
                route(HttpMethod.GET, "/api/twins/:id/history", this::history),
                route(HttpMethod.POST, "/api/twins/:id/links", this::addLink),
                route(HttpMethod.DELETE, "/api/twins/:id/links/:name/:target", c -> {
                    twins.removeLink(actor(c), c.path("id"), c.path("name"), c.path("target"));
                    return Reply.noContent();
                }),
                route(HttpMethod.GET, "/api/spaces/:id/bindings", c -> {
                    SpaceId space = spaceId(c);
                    spaces.get(actor(c), space);
                    return Reply.ok(new JsonObject().put("items", bindings(twins.bindings(space))));
                }),
                route(HttpMethod.POST, "/api/spaces/:id/bindings", this::bind),
                route(HttpMethod.DELETE, "/api/spaces/:id/bindings/:binding", c -> {
                    SpaceId space = spaceId(c);
                    spaces.manageable(actor(c), space);
                    twins.unbind(space, uuid(c.path("binding")));
                    return Reply.noContent();
                }));
    }

    private static ApiRoutes.Route route(HttpMethod method, String path, ApiRoutes.Handler handler) {
        return new ApiRoutes.Route(method, path, true, handler);
    }

    // ---------------------------------------------------------------- models

    /** A DTDL interface is told apart by {@code profile=dtdl} on the content type, or by its {@code @context}. */
    private Reply createModel(Call c) {
        c.json();
        String text = c.body().toString(StandardCharsets.UTF_8);
        String type = c.contentType() == null ? "" : c.contentType().toLowerCase(Locale.ROOT);
        Optional<SourceFormat> format = type.contains("profile=dtdl") || type.contains("profile=\"dtdl\"")
                ? Optional.of(SourceFormat.DTDL) : Optional.empty();
        return Reply.created(Views.twinModel(models.create(actor(c), text, format).stored(), true));
    }

    private Reply updateModel(Call c) {
        JsonObject body = c.json();
        Object days = body.getValue("retentionDays");
        if (!body.containsKey("retentionDays") || body.size() != 1) {
            throw ApiException.invalid("retentionDays", "only retentionDays (a number of days, or null) can be changed");
        }
        if (days != null && !(days instanceof Integer d && d >= 1 && d <= 36_500)) {
            throw ApiException.invalid("retentionDays", "retentionDays is 1 to 36500, or null for the server default");
        }
        models.setRetention(actor(c), c.path("id"), (Integer) days);
        return Reply.ok(Views.twinModel(models.get(actor(c), c.path("id")).stored(), true));
    }

    // ---------------------------------------------------------------- twins

    private Reply createTwin(Call c) {
        JsonObject b = c.json();
        Optional<String> id = Fields.optionalString(b, "id");
        String model = Fields.requiredString(b, "model");
        String name = Fields.optionalString(b, "name").orElse(id.orElse(model));
        JsonObject attributes = Fields.optionalObject(b, "attributes").orElse(new JsonObject());
        Location location = Fields.optionalObject(b, "location").map(TwinRoutes::location).orElse(Location.NONE);
        TwinAcl acl = Fields.optionalObject(b, "acl").map(o -> TwinAcl.fromJson(o, "acl")).orElse(TwinAcl.PRIVATE);
        return Reply.created(twin(twins.create(actor(c), new TwinService.NewTwin(id, model, name, attributes, location,
                acl))));
    }

    private Reply updateTwin(Call c) {
        JsonObject b = c.json();
        for (String readOnly : List.of("id", "model", "reported", "desired", "metadata", "links", "owner")) {
            if (b.containsKey(readOnly)) {
                throw ApiException.invalid(readOnly, readOnly + " cannot be changed here");
            }
        }
        return Reply.ok(twin(twins.update(actor(c), c.path("id"), Fields.optionalString(b, "name"),
                Fields.optionalObject(b, "attributes"), Fields.optionalObject(b, "location").map(TwinRoutes::location),
                Fields.optionalObject(b, "acl").map(o -> TwinAcl.fromJson(o, "acl")))));
    }

    private Reply queryTwins(Call c) {
        Optional<String> property = optionalQuery(c, "property");
        Optional<String> op = optionalQuery(c, "op");
        if (op.isPresent() && !List.of("exists", "eq", "ne", "gt", "gte", "lt", "lte").contains(op.get())) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "op is one of exists, eq, ne, gt, gte, lt, lte");
        }
        Optional<JsonNode> value = optionalQuery(c, "value").map(TwinRoutes::queryValue);
        if (property.isEmpty() && (op.isPresent() || value.isPresent())) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "op and value need a property");
        }
        if (value.isPresent() && op.isEmpty()) {
            op = Optional.of("eq");
        }
        if (op.isPresent() && !op.get().equals("exists") && value.isEmpty()) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "op " + op.get() + " needs a value");
        }
        if (optionalQuery(c, "radius").isPresent() && optionalQuery(c, "near").isEmpty()) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "radius needs near=lat,lon");
        }
        if (optionalQuery(c, "link").isPresent() && optionalQuery(c, "linkedTo").isEmpty()) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "link needs linkedTo=<twin id>");
        }
        Optional<double[]> near = optionalQuery(c, "near").map(TwinRoutes::latLon);
        Optional<Double> radius = optionalQuery(c, "radius").map(r -> {
            try {
                double d = Double.parseDouble(r);
                if (d > 0 && d <= 20_000_000) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
            throw new ApiException(ErrorCode.QUERY_INVALID, "radius is metres, more than 0");
        });
        Page<TwinView> page = twins.query(actor(c), new TwinService.Query(optionalQuery(c, "model"), property, op,
                value, optionalQuery(c, "linkedTo"), optionalQuery(c, "link"), near, radius, c.queryInt("page", 1),
                c.queryInt("size", 20)));
        JsonArray items = new JsonArray();
        page.items().forEach(v -> items.add(twin(v)));
        return Reply.ok(new JsonObject().put("items", items).put("total", page.total()).put("page", page.page())
                .put("size", page.size()));
    }

    private Reply addLink(Call c) {
        JsonObject b = c.json();
        return Reply.created(twin(twins.addLink(actor(c), c.path("id"), Fields.requiredString(b, "name"),
                Fields.requiredString(b, "target"))));
    }

    // ---------------------------------------------------------------- ingestion, desired state, actions

    /**
     * Devices send their token as {@code Authorization: Bearer <device token>}; people and applications their
     * session token, with write permission on the twin.
     */
    private Reply ingest(Call c, IngestKind kind) {
        String token = HttpApi.bearer(c.authorization());
        if (token == null) {
            throw new ApiException(ErrorCode.TOKEN_MISSING, "send a device token or a session token as Authorization: Bearer <token>");
        }
        if (!c.hasBody()) {
            throw new ApiException(ErrorCode.JSON_MALFORMED, "the request needs a JSON body");
        }
        byte[] payload = c.body().getBytes();
        String id = c.path("id");
        IngestResult result = twins.twinOfToken(token).isPresent()
                ? twins.ingestAsDevice(token, id, kind, payload)
                : twins.ingestAs(auth.authenticate(token).user(), id, kind, payload);
        return switch (result) {
            case IngestResult.Accepted a -> new Reply(202, new JsonObject().put("accepted", a.values())
                    .put("version", a.version()));
            case IngestResult.Rejected r -> throw new ApiException(switch (r.reason()) {
                case MALFORMED -> ErrorCode.TWIN_PAYLOAD_MALFORMED;
                case INVALID -> ErrorCode.TWIN_PAYLOAD_INVALID;
                case UNKNOWN_TWIN -> ErrorCode.TWIN_NOT_FOUND;
                case NOT_AUTHORISED -> ErrorCode.TWIN_NOT_AUTHORISED;
                case RATE_LIMITED -> ErrorCode.TWIN_RATE_LIMITED;
                case CLOCK_SKEW -> ErrorCode.TWIN_CLOCK_SKEW;
                case OVERLOADED -> ErrorCode.TWIN_OVERLOADED;
            }, r.message(), r.pointer().isEmpty() ? null : r.pointer(),
                    r.reason().isTransient() ? java.time.Duration.ofSeconds(1) : null);
        };
    }

    private Reply desire(Call c) {
        JsonObject b = c.json();
        ObjectNode values = (ObjectNode) jackson(b.encode());
        return Reply.ok(new JsonObject(twins.desire(actor(c), c.path("id"), values).toString()));
    }

    private Reply invoke(Call c) {
        JsonObject b = c.jsonOrEmpty();
        for (String key : b.fieldNames()) {
            if (!key.equals("input")) {
                throw ApiException.invalid(key, "the body is {input?}");
            }
        }
        JsonNode input = b.containsKey("input") ? jackson(String.valueOf(io.vertx.core.json.Json.encode(b.getValue("input"))))
                : null;
        JsonNode answer = twins.invoke(actor(c), c.path("id"), c.path("action"), input);
        return Reply.ok(new JsonObject().put("output", answer == null ? null : io.vertx.core.json.Json.decodeValue(answer.toString())));
    }

    // ---------------------------------------------------------------- history

    private Reply history(Call c) {
        String property = optionalQuery(c, "property").orElseThrow(
                () -> new ApiException(ErrorCode.QUERY_INVALID, "property is required"));
        Instant to = optionalQuery(c, "to").map(t -> instant(t, "to")).orElseGet(Instant::now);
        Instant from = optionalQuery(c, "from").map(t -> instant(t, "from")).orElse(to.minusSeconds(3600));
        int buckets = c.queryInt("buckets", 500);
        TwinService.History h = twins.history(actor(c), c.path("id"), property, from, to, buckets);
        JsonArray out = new JsonArray();
        for (Bucket b : h.buckets()) {
            out.add(new JsonObject().put("t", b.start().toString()).put("min", b.min()).put("max", b.max())
                    .put("avg", b.avg()).put("count", b.count()));
        }
        return Reply.ok(new JsonObject().put("twin", c.path("id")).put("property", property)
                .put("from", h.from().toString()).put("to", h.to().toString()).put("buckets", buckets)
                .put("bucketMs", h.bucket().toMillis()).put("points", out));
    }

    static Instant instant(String s, String name) {
        if (s.matches("-?\\d{1,16}")) {
            return Instant.ofEpochMilli(Long.parseLong(s));
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ApiException(ErrorCode.QUERY_INVALID, name + " must be ISO-8601 (2026-11-24T08:00:00Z) or epoch"
                        + " milliseconds, got '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'");
            }
        }
    }

    // ---------------------------------------------------------------- bindings

    private Reply bind(Call c) {
        SpaceId space = spaceId(c);
        spaces.manageable(actor(c), space);
        JsonObject b = c.json();
        Binding binding = twins.bind(actor(c), space, Fields.requiredString(b, "object"),
                Fields.requiredString(b, "twin"), Fields.requiredString(b, "property"),
                Fields.optionalObject(b, "visual").orElseThrow(() -> ApiException.missing("visual")));
        return Reply.created(binding(binding));
    }

    static JsonArray bindings(List<Binding> list) {
        JsonArray items = new JsonArray();
        list.forEach(b -> items.add(binding(b)));
        return items;
    }

    static JsonObject binding(Binding b) {
        return new JsonObject().put("id", b.id().toString()).put("space", b.spaceId().toString())
                .put("object", b.object()).put("twin", b.twinId()).put("property", b.property())
                .put("visual", new JsonObject(b.visual()));
    }

    // ---------------------------------------------------------------- views and parsing

    static JsonObject twin(TwinView v) {
        TwinService.TwinRecord r = v.record();
        JsonObject state = new JsonObject(v.state().toString());
        JsonObject o = new JsonObject()
                .put("id", r.id())
                .put("model", r.modelId())
                .put("name", r.name())
                .put("attributes", r.attributes())
                .put("location", location(r.location()))
                .put("reported", state.getJsonObject("reported", new JsonObject()))
                .put("desired", state.getJsonObject("desired", new JsonObject()))
                .put("metadata", state.getJsonObject("metadata", new JsonObject()))
                .put("desiredMetadata", state.getJsonObject("desiredMetadata", new JsonObject()))
                .put("delta", deltaOf(state))
                .put("version", state.getLong("version", 0L))
                .put("lastSeen", state.getLong("lastSeen") == null ? null : Instant.ofEpochMilli(state.getLong("lastSeen")).toString())
                .put("links", links(v.links()))
                .put("acl", r.acl().toJson())
                .put("owner", r.owner().value().toString())
                .put("createdAt", r.createdAt().toString())
                .put("updatedAt", r.updatedAt().toString());
        return o;
    }

    private static JsonObject deltaOf(JsonObject state) {
        JsonObject desired = state.getJsonObject("desired", new JsonObject());
        JsonObject reported = state.getJsonObject("reported", new JsonObject());
        JsonObject delta = new JsonObject();
        for (String k : desired.fieldNames()) {
            Object want = desired.getValue(k);
            Object have = reported.getValue(k);
            boolean same = want instanceof Number a && have instanceof Number b ? a.doubleValue() == b.doubleValue()
                    : java.util.Objects.equals(want, have);
            if (!same) {
                delta.put(k, want);
            }
        }
        return delta;
    }

    private static JsonArray links(List<Link> links) {
        JsonArray out = new JsonArray();
        links.forEach(l -> out.add(new JsonObject().put("source", l.source()).put("name", l.name())
                .put("target", l.target())));
        return out;
    }

    private static JsonObject location(Location l) {
        JsonObject o = new JsonObject();
        if (l.lat() != null) {
            o.put("lat", l.lat()).put("lon", l.lon());
        }
        if (l.space() != null) {
            o.put("space", l.space().toString());
        }
        if (l.x() != null) {
            o.put("x", l.x()).put("y", l.y()).put("z", l.z());
        }
        return o;
    }

    static Location location(JsonObject o) {
        for (String key : o.fieldNames()) {
            if (!List.of("lat", "lon", "space", "x", "y", "z").contains(key)) {
                throw ApiException.invalid("location." + key, "location has lat, lon, space, x, y, z");
            }
        }
        Double lat = number(o, "lat");
        Double lon = number(o, "lon");
        if ((lat == null) != (lon == null)) {
            throw ApiException.invalid("location", "give lat and lon together");
        }
        if (lat != null && (lat < -90 || lat > 90 || lon < -180 || lon > 180)) {
            throw ApiException.invalid("location", "lat is -90..90 and lon -180..180 (WGS84 degrees)");
        }
        Double x = number(o, "x");
        Double y = number(o, "y");
        Double z = number(o, "z");
        if ((x == null) != (z == null)) {
            throw ApiException.invalid("location", "give x and z together (y defaults to 0)");
        }
        SpaceId space = null;
        if (o.getValue("space") != null) {
            if (!(o.getValue("space") instanceof String s) || SpaceId.parse(s).isEmpty()) {
                throw ApiException.invalid("location.space", "space is a space id");
            }
            space = SpaceId.parse((String) o.getValue("space")).get();
        }
        return new Location(lat, lon, space, x, x == null ? null : (y == null ? 0.0 : y), z);
    }

    private static Double number(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw ApiException.invalid("location." + key, key + " must be a number");
        }
        return n.doubleValue();
    }

    private static double[] latLon(String s) {
        String[] parts = s.split(",");
        try {
            if (parts.length == 2) {
                double lat = Double.parseDouble(parts[0].strip());
                double lon = Double.parseDouble(parts[1].strip());
                if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
                    return new double[] {lat, lon};
                }
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new ApiException(ErrorCode.QUERY_INVALID, "near is lat,lon in WGS84 degrees, e.g. near=31.23,121.47");
    }

    /** A query value: JSON when it reads as JSON (numbers, true, "text"), else the text itself. */
    private static JsonNode queryValue(String s) {
        try {
            return Payloads.mapper().readTree(s);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
        }
    }

    private static JsonNode jackson(String json) {
        try {
            return Payloads.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new ApiException(ErrorCode.JSON_MALFORMED, "the body is not valid JSON");
        }
    }

    private static Optional<String> optionalQuery(Call c, String name) {
        String v = c.query(name, "");
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.TWIN_BINDING_NOT_FOUND, "no binding " + (s.length() > 40 ? s.substring(0, 40) : s));
        }
    }

    private static User actor(Call c) {
        return c.session().user();
    }

    private static SpaceId spaceId(Call c) {
        return SpaceId.parse(c.path("id")).orElseThrow(() -> new ApiException(ErrorCode.SPACE_NOT_FOUND, "no space "
                + c.path("id")));
    }
}
