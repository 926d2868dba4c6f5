package org.pujiang.server.twin;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.pujiang.server.auth.User;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.server.storage.TwinModelRepository;
import org.pujiang.server.storage.TwinModelRepository.SourceFormat;
import org.pujiang.server.storage.TwinModelRepository.StoredModel;
import org.pujiang.twin.model.CompiledModel;
import org.pujiang.twin.model.DtdlImport;
import org.pujiang.twin.model.ModelError;
import org.pujiang.twin.model.Parsed;
import org.pujiang.twin.model.ThingModels;
import org.pujiang.twin.model.TwinModel;

/**
 * Creating, finding, listing and deleting twin models. A model arrives as a W3C WoT Thing Model or a DTDL v3
 * interface and is stored as canonical Thing Model JSON ({@link ThingModels#write}). Any signed-in caller may
 * read models; only operators and admins create and delete them. Keeps each model compiled
 * ({@link CompiledModel}) for ingestion. Blocks on the database: call from worker threads. Thread-safe.
 */
public final class TwinModelService {
    /** Column widths of twin_models (V4). */
    static final int ID_MAX = 256;
    static final int VERSION_MAX = 64;
    static final int TITLE_MAX = 512;

    /** A stored model with the model itself, parsed from its canonical document. */
    public record Model(StoredModel stored, TwinModel model) {}

    private final TwinModelRepository models;
    private final Clock clock;
    private final ConcurrentMap<String, CompiledModel> compiled = new ConcurrentHashMap<>();

    public TwinModelService(TwinModelRepository models, Clock clock) {
        this.models = models;
        this.clock = clock;
    }

    /**
     * Stores the model in {@code json}, a JSON object: a DTDL interface when its {@code @context} names
     * {@code dtmi:dtdl:context;N}, else a Thing Model.
     *
     * @throws ApiException 403 {@code auth:forbidden}, 422 {@code twin:model.invalid} with every problem,
     *                      409 {@code twin:model.exists}
     */
    public Model create(User actor, String json) {
        return create(actor, json, Optional.empty());
    }

    /** As {@link #create(User, String)}, with the format given by the caller (a DTDL content type) when present. */
    public Model create(User actor, String json, Optional<SourceFormat> declared) {
        requireManager(actor, "create");
        SourceFormat format = declared.orElse(isDtdl(json) ? SourceFormat.DTDL : SourceFormat.TM);
        Parsed parsed = format == SourceFormat.DTDL ? DtdlImport.parse(json) : ThingModels.parse(json);
        TwinModel model = switch (parsed) {
            case Parsed.Ok ok -> ok.model();
            case Parsed.Invalid invalid -> throw invalid(invalid.errors());
        };
        String idPointer = format == SourceFormat.DTDL ? "/@id" : "/id";
        checkLength(idPointer, "id", model.id(), ID_MAX);
        checkLength(format == SourceFormat.DTDL ? "/@id" : "/version/model", "version", model.version(), VERSION_MAX);
        checkLength(format == SourceFormat.DTDL ? "/displayName" : "/title", "title", model.title(), TITLE_MAX);
        StoredModel stored = new StoredModel(model.id(), model.version(), model.title(), format,
                ThingModels.write(model), clock.instant().truncatedTo(ChronoUnit.MILLIS), actor.id(), null);
        if (!models.insert(stored)) {
            throw new ApiException(ErrorCode.TWIN_MODEL_EXISTS, "a twin model with id " + brief(model.id())
                    + " exists; delete it first, or give the new one another id or version");
        }
        compiled.put(model.id(), CompiledModel.of(model));
        return new Model(stored, model);
    }

    /** Any signed-in caller may read models. */
    public Model get(User actor, String id) {
        StoredModel stored = models.find(id).orElseThrow(() -> notFound(id));
        TwinModel model = compiledOf(stored).model();
        return new Model(stored, model);
    }

    public Page<StoredModel> list(User actor, int page, int size) {
        SpaceService.checkPage(page, size);
        return models.list(page, size);
    }

    public void delete(User actor, String id) {
        requireManager(actor, "delete");
        boolean deleted;
        try {
            deleted = models.delete(id);
        } catch (RuntimeException e) {
            if (isForeignKeyViolation(e)) {
                throw new ApiException(ErrorCode.TWIN_MODEL_IN_USE, "twins of model " + brief(id)
                        + " exist; delete them first");
            }
            throw e;
        }
        if (!deleted) {
            throw notFound(id);
        }
        compiled.remove(id);
    }

    /** Sets how long the history of this model's twins is kept; null for the server default. */
    public void setRetention(User actor, String id, Integer days) {
        requireManager(actor, "change");
        if (!models.setRetention(id, days)) {
            throw notFound(id);
        }
    }

    /** Model id to retention days, for models with their own. */
    public java.util.Map<String, Integer> retentions() {
        return models.retentions();
    }

    private static boolean isForeignKeyViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The model compiled for checking values, loaded and cached on first use; empty when there is none. */
    public Optional<CompiledModel> compiled(String id) {
        CompiledModel c = compiled.get(id);
        if (c != null) {
            return Optional.of(c);
        }
        return models.find(id).map(this::compiledOf);
    }

    private CompiledModel compiledOf(StoredModel stored) {
        return compiled.computeIfAbsent(stored.id(), id -> switch (ThingModels.parse(stored.document())) {
            case Parsed.Ok ok -> CompiledModel.of(ok.model());
            case Parsed.Invalid invalid -> throw new IllegalStateException(
                    "stored twin model " + id + " no longer parses: " + invalid.errors());
        });
    }

    /** Whether the document declares a DTDL context; anything unreadable is left to the Thing Model reader. */
    static boolean isDtdl(String json) {
        Object root;
        try {
            root = new io.vertx.core.json.JsonObject(json).getValue("@context");
        } catch (RuntimeException e) {
            return false;
        }
        if (root instanceof String s) {
            return s.startsWith("dtmi:dtdl:context;");
        }
        if (root instanceof io.vertx.core.json.JsonArray a) {
            for (Object o : a) {
                if (o instanceof String s && s.startsWith("dtmi:dtdl:context;")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void requireManager(User actor, String verb) {
        if (!actor.role().managesAllSpaces()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only operators and admins may " + verb + " twin models");
        }
    }

    private static void checkLength(String pointer, String what, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw invalid(List.of(new ModelError(pointer, what + " must be at most " + max + " characters, got "
                    + value.codePointCount(0, value.length()))));
        }
    }

    private static ApiException invalid(List<ModelError> errors) {
        ModelError first = errors.getFirst();
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more problem"
                + (errors.size() == 2 ? "" : "s") + ", listed in errors)";
        return new ApiException(ErrorCode.TWIN_MODEL_INVALID, "the model is not valid: " + first + more, null, null,
                errors.stream().map(e -> new ApiException.Problem(e.pointer(), e.message())).toList());
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.TWIN_MODEL_NOT_FOUND, "no twin model " + brief(id));
    }

    private static String brief(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
