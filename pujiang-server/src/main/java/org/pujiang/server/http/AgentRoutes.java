package org.pujiang.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pujiang.agent.kb.KbEntry;
import org.pujiang.agent.kb.KnowledgeBase;
import org.pujiang.server.agent.Agent;
import org.pujiang.server.agent.AgentId;
import org.pujiang.server.agent.AgentService;
import org.pujiang.server.agent.AgentService.KbFormat;
import org.pujiang.server.agent.AskResult;
import org.pujiang.server.agent.Handoff;
import org.pujiang.server.agent.KbVersion;
import org.pujiang.server.auth.User;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.space.SpaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST routes of agents (digital humans), their knowledge bases, questions and handoffs (issue #7,
 * docs/agents.md). Handlers run on worker threads and may block; all need a session.
 */
public final class AgentRoutes {
    private static final Logger log = LoggerFactory.getLogger(AgentRoutes.class);
    /** How long a question may take over REST before it is answered 503. */
    static final long ASK_TIMEOUT_SECONDS = 30;
    private static final List<String> CSV_TYPES = List.of("text/csv", "application/csv", "text/comma-separated-values",
            "application/vnd.ms-excel");

    private final AgentService agents;
    private final int kbMaxBytes;

    /** @param kbMaxBytes the largest knowledge-base file {@code PUT /api/agents/{id}/kb} takes */
    public AgentRoutes(AgentService agents, int kbMaxBytes) {
        this.agents = agents;
        this.kbMaxBytes = kbMaxBytes;
    }

    public List<ApiRoutes.Route> routes() {
        return List.of(
                route(HttpMethod.POST, "/api/agents", this::create),
                route(HttpMethod.GET, "/api/agents", this::list),
                route(HttpMethod.GET, "/api/agents/:id", c -> Reply.ok(agent(agents.get(actor(c), agentId(c))))),
                route(HttpMethod.PATCH, "/api/agents/:id", this::update),
                route(HttpMethod.DELETE, "/api/agents/:id", c -> {
                    agents.delete(actor(c), agentId(c));
                    return Reply.noContent();
                }),
                // The whole file is read before parsing, up to agents.kb-max-bytes (413 beyond).
                new ApiRoutes.Route(HttpMethod.PUT, "/api/agents/:id/kb", true, this::importKb, Math.max(1, kbMaxBytes)),
                route(HttpMethod.GET, "/api/agents/:id/kb", this::exportKb),
                route(HttpMethod.GET, "/api/agents/:id/kb/versions", c -> {
                    AgentId id = agentId(c);
                    List<KbVersion> versions = agents.versions(actor(c), id);
                    JsonArray items = new JsonArray();
                    for (KbVersion v : versions) {
                        items.add(version(v).put("current", v.version() == versions.get(0).version()));
                    }
                    return Reply.ok(new JsonObject().put("items", items));
                }),
                route(HttpMethod.POST, "/api/agents/:id/kb/rollback", c -> {
                    JsonObject b = c.json();
                    int v = Fields.optionalInt(b, "version").orElseThrow(() -> ApiException.missing("version"));
                    if (v < 1) {
                        throw ApiException.invalid("version", "version must be 1 or more, got " + v);
                    }
                    return Reply.ok(version(agents.rollback(actor(c), agentId(c), v)));
                }),
                route(HttpMethod.POST, "/api/agents/:id/ask", this::ask),
                route(HttpMethod.GET, "/api/agents/:id/handoffs", c -> {
                    Page<Handoff> page = agents.handoffs(actor(c), agentId(c), c.queryBool("open"),
                            c.queryInt("page", 1), c.queryInt("size", 20));
                    JsonArray items = new JsonArray();
                    page.items().forEach(h -> items.add(handoff(h)));
                    return Reply.ok(new JsonObject().put("items", items).put("total", page.total())
                            .put("page", page.page()).put("size", page.size()));
                }),
                route(HttpMethod.POST, "/api/agents/:id/handoffs/:handoff/resolve", c -> Reply.ok(handoff(
                        agents.resolveHandoff(actor(c), agentId(c), handoffId(c))))),
                route(HttpMethod.GET, "/api/spaces/:id/agents", c -> {
                    JsonArray items = new JsonArray();
                    for (AgentService.AgentCard card : agents.cards(actor(c), ApiRoutes.spaceId(c))) {
                        items.add(card(card));
                    }
                    return Reply.ok(new JsonObject().put("items", items));
                }));
    }

    private static ApiRoutes.Route route(HttpMethod method, String path, ApiRoutes.Handler handler) {
        return new ApiRoutes.Route(method, path, true, handler);
    }

    // ---------------------------------------------------------------- agents

    private Reply create(Call c) {
        JsonObject b = c.json();
        String space = Fields.requiredString(b, "spaceId");
        SpaceId spaceId = SpaceId.parse(space).orElseThrow(
                () -> ApiException.invalid("spaceId", "spaceId must be a space id (a UUID), got '" + clip(space) + "'"));
        return Reply.created(agent(agents.create(actor(c), new AgentService.NewAgent(spaceId,
                Fields.requiredString(b, "name"), Fields.optionalObject(b, "persona"),
                Fields.optionalStringList(b, "languages")))));
    }

    private Reply list(Call c) {
        Optional<SpaceId> space = Optional.ofNullable(c.query("spaceId", null)).filter(s -> !s.isEmpty())
                .map(s -> SpaceId.parse(s).orElseThrow(() -> new ApiException(ErrorCode.SPACE_NOT_FOUND,
                        "no space " + clip(s))));
        Page<Agent> page = agents.list(actor(c), space, c.queryInt("page", 1), c.queryInt("size", 20));
        JsonArray items = new JsonArray();
        page.items().forEach(a -> items.add(agent(a)));
        return Reply.ok(new JsonObject().put("items", items).put("total", page.total()).put("page", page.page())
                .put("size", page.size()));
    }

    private Reply update(Call c) {
        JsonObject b = c.json();
        for (String readOnly : List.of("id", "userId", "kbVersion", "kbEntries", "createdBy", "createdAt",
                "updatedAt")) {
            if (b.containsKey(readOnly)) {
                throw ApiException.invalid(readOnly, readOnly + " cannot be changed");
            }
        }
        Optional<SpaceId> space = Fields.optionalString(b, "spaceId").map(s -> SpaceId.parse(s).orElseThrow(
                () -> ApiException.invalid("spaceId", "spaceId must be a space id (a UUID), got '" + clip(s) + "'")));
        return Reply.ok(agent(agents.update(actor(c), agentId(c), new AgentService.Changes(space,
                Fields.optionalString(b, "name"), Fields.optionalObject(b, "persona"),
                Fields.optionalStringList(b, "languages")))));
    }

    // ---------------------------------------------------------------- knowledge bases

    /**
     * The file is the body (JSON or CSV by its content type), or the one file of a multipart/form-data upload in
     * the field {@code file} (CSV when its name ends .csv or its type says so, else JSON).
     */
    private Reply importKb(Call c) {
        String type = mediaType(c.contentType());
        byte[] bytes;
        String charset = charset(c.contentType());
        KbFormat format;
        if (type.equals("multipart/form-data")) {
            List<Call.Upload> files = c.uploads().stream().filter(u -> u.field().equals("file")).toList();
            if (files.size() != 1) {
                throw new ApiException(ErrorCode.FIELD_MISSING, "send exactly one file, in the form field 'file'",
                        "file", null);
            }
            Call.Upload f = files.get(0);
            String name = f.fileName() == null ? "" : f.fileName().toLowerCase(Locale.ROOT);
            String partType = mediaType(f.contentType());
            format = name.endsWith(".csv") || CSV_TYPES.contains(partType) ? KbFormat.CSV : KbFormat.JSON;
            charset = charset(f.contentType());
            bytes = f.bytes();
        } else if (type.equals("application/json") || type.matches("application/[a-z0-9.+-]+\\+json")) {
            format = KbFormat.JSON;
            bytes = c.hasBody() ? c.body().getBytes() : new byte[0];
        } else if (CSV_TYPES.contains(type)) {
            format = KbFormat.CSV;
            bytes = c.hasBody() ? c.body().getBytes() : new byte[0];
        } else {
            throw new ApiException(ErrorCode.MEDIA_TYPE_UNSUPPORTED, "send the knowledge base as application/json or "
                    + "text/csv (or a multipart/form-data upload), not "
                    + (c.contentType() == null ? "no content type" : clip(c.contentType())));
        }
        if (bytes.length == 0) {
            throw new ApiException(ErrorCode.AGENT_KB_INVALID, "the file is empty");
        }
        KbVersion v = agents.importKb(actor(c), agentId(c), format, decode(bytes, charset));
        return Reply.ok(version(v));
    }

    private Reply exportKb(Call c) {
        String f = c.query("format", "json").toLowerCase(Locale.ROOT);
        KbFormat format = switch (f) {
            case "json" -> KbFormat.JSON;
            case "csv" -> KbFormat.CSV;
            default -> throw new ApiException(ErrorCode.QUERY_INVALID, "format is json or csv, got '" + clip(f) + "'");
        };
        int v = c.queryInt("version", 0);
        if (v < 0) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "version must be 1 or more, got " + v);
        }
        String text = agents.exportKb(actor(c), agentId(c), v == 0 ? OptionalInt.empty() : OptionalInt.of(v), format);
        if (format == KbFormat.JSON) {
            return Reply.raw(200, "application/json; charset=utf-8", Buffer.buffer(text), "no-store");
        }
        // A byte-order mark, so that spreadsheets open the file as UTF-8 (Chinese text included).
        return Reply.raw(200, "text/csv; charset=utf-8", Buffer.buffer("\uFEFF" + text), "no-store");
    }

    /** UTF-8 (a byte-order mark dropped), or the charset the request names; bytes that do not decode are a 422. */
    private static String decode(byte[] bytes, String charset) {
        Charset cs = StandardCharsets.UTF_8;
        if (charset != null) {
            try {
                cs = Charset.forName(charset);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new ApiException(ErrorCode.MEDIA_TYPE_UNSUPPORTED, "unknown charset '" + clip(charset) + "'");
            }
        }
        try {
            String text = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.AGENT_KB_INVALID, "the file is not " + cs.name() + " text"
                    + (cs == StandardCharsets.UTF_8 ? "; save it as UTF-8 (\"CSV UTF-8\" in Excel), or name its "
                    + "charset in the Content-Type, e.g. text/csv; charset=GB18030" : ""));
        }
    }

    // ---------------------------------------------------------------- questions and handoffs

    private Reply ask(Call c) {
        JsonObject b = c.json();
        String text = Fields.optionalString(b, "text").orElse("");
        String lang = Fields.optionalString(b, "lang").orElse(null);
        User actor = actor(c);
        AgentId id = agentId(c);
        AskResult r = await(agents.ask(actor, id, text, lang));
        JsonObject out = new JsonObject()
                .put("answer", r.answer())
                .put("entryId", r.entryId())
                .put("confidence", Math.round(r.confidence() * 1000) / 1000.0)
                .put("handoff", r.handoff())
                .put("lang", r.lang())
                .put("gesture", r.gesture())
                .put("link", r.link())
                .put("action", r.action())
                .put("version", r.version());
        if (r.handoff()) {
            try {
                Handoff h = await(agents.recordHandoff(id, actor.id().toString(), actor.displayName(), text));
                out.put("handoffId", h.id().toString());
            } catch (RuntimeException e) {
                // The answer stands; staff just do not see this one in the list.
                log.warn("could not store the handoff of a question to agent {}: {}", id, e.toString());
            }
        }
        return Reply.ok(out);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw AgentService.cause(e);
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.AGENT_OVERLOADED, "the agent did not answer within "
                    + ASK_TIMEOUT_SECONDS + " s; try again in a moment");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an answer", e);
        }
    }

    // ---------------------------------------------------------------- views

    static JsonObject agent(Agent a) {
        return new JsonObject()
                .put("id", a.id().value())
                .put("spaceId", a.space().toString())
                .put("name", a.name())
                .put("userId", a.userId())
                .put("persona", a.personaJson())
                .put("languages", new JsonArray(a.languages()))
                .put("kbVersion", a.kbVersion())
                .put("kbEntries", a.kbEntries())
                .put("createdBy", a.createdBy().toString())
                .put("createdAt", a.createdAt().toString())
                .put("updatedAt", a.updatedAt().toString());
    }

    static JsonObject version(KbVersion v) {
        return new JsonObject()
                .put("version", v.version())
                .put("entries", v.entries())
                .put("source", v.source())
                .put("createdBy", v.createdBy().toString())
                .put("createdAt", v.createdAt().toString());
    }

    static JsonObject handoff(Handoff h) {
        return new JsonObject()
                .put("id", h.id().toString())
                .put("agentId", h.agent().value())
                .put("spaceId", h.space().toString())
                .put("userId", h.userId())
                .put("displayName", h.displayName())
                .put("question", h.question())
                .put("createdAt", h.createdAt().toString())
                .put("open", h.open())
                .put("resolvedAt", h.resolvedAt() == null ? null : h.resolvedAt().toString())
                .put("resolvedBy", h.resolvedBy() == null ? null : h.resolvedBy().toString());
    }

    /**
     * What the client shows for an agent of a space: its persona's name and greeting by language, appearance, the
     * welcome line and the hot questions, each question in every language the agent speaks.
     */
    static JsonObject card(AgentService.AgentCard card) {
        Agent a = card.agent();
        KnowledgeBase kb = card.kb();
        JsonObject persona = a.personaJson();
        JsonObject view = new JsonObject()
                .put("name", byLanguage(persona.getValue("name"), a, a.name()))
                .put("greeting", byLanguage(persona.getValue("greeting"), a, null))
                .put("appearance", persona.getValue("appearance") instanceof JsonObject o ? o : new JsonObject());
        JsonObject welcome = new JsonObject();
        if (!kb.welcome().isEmpty()) {
            new java.util.TreeMap<>(kb.welcome()).forEach(welcome::put);
        } else {
            welcome = byLanguage(persona.getValue("welcome"), a, null);
        }
        Map<String, KbEntry> byId = new java.util.HashMap<>();
        kb.entries().forEach(e -> byId.put(e.id(), e));
        JsonArray hot = new JsonArray();
        for (String id : kb.hotQuestions()) {
            KbEntry e = byId.get(id);
            if (e == null) {
                continue;
            }
            JsonObject question = new JsonObject();
            for (String lang : a.languages()) {
                question.put(lang, phrasingIn(e, lang));
            }
            hot.add(new JsonObject().put("entryId", id).put("question", question));
        }
        return new JsonObject()
                .put("id", a.id().value())
                .put("name", a.name())
                .put("userId", a.userId())
                .put("languages", new JsonArray(a.languages()))
                .put("persona", view)
                .put("welcome", welcome)
                .put("hotQuestions", hot)
                .put("kbVersion", a.kbVersion());
    }

    /** A persona field as an object by language: a plain string stands for the agent's first language. */
    private static JsonObject byLanguage(Object value, Agent a, String fallback) {
        if (value instanceof JsonObject o) {
            return o;
        }
        String text = value instanceof String s ? s : fallback;
        return text == null ? new JsonObject() : new JsonObject().put(a.languages().get(0), text);
    }

    /** The entry's first phrasing in the language's script (Han for Chinese), else its first. */
    private static String phrasingIn(KbEntry e, String lang) {
        boolean chinese = lang.startsWith("zh");
        for (String q : e.questions()) {
            boolean han = q.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            if (han == chinese) {
                return q;
            }
        }
        return e.questions().get(0);
    }

    // ---------------------------------------------------------------- parameters

    private static User actor(Call c) {
        return c.session().user();
    }

    /** The agent named by the path parameter {@code id}; 404 agent:not-found when it is not an agent id. */
    private static AgentId agentId(Call c) {
        return AgentId.parse(c.path("id")).orElseThrow(
                () -> new ApiException(ErrorCode.AGENT_NOT_FOUND, "no agent " + clip(c.path("id"))));
    }

    private static UUID handoffId(Call c) {
        String raw = c.path("handoff");
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.AGENT_HANDOFF_NOT_FOUND, "no handoff " + clip(raw));
        }
    }

    /** The media type of a Content-Type, lower case, without parameters; "" for none. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter of a Content-Type, or null. */
    private static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String p : contentType.split(";")) {
            String[] kv = p.strip().split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
                return kv[1].strip().replace("\"", "");
            }
        }
        return null;
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
