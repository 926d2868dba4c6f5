package org.pujiang.server.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pujiang.server.auth.User;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.server.storage.TwinRepository;
import org.pujiang.server.storage.TwinRepository.Binding;
import org.pujiang.server.storage.TwinRepository.Link;
import org.pujiang.server.storage.TwinRepository.StoredTwin;
import org.pujiang.server.storage.history.HistoryRepository;
import org.pujiang.server.storage.history.HistoryWriter;
import org.pujiang.server.storage.history.TelemetryPoint;
import org.pujiang.server.twin.TwinAcl.Permission;
import org.pujiang.server.twin.ingress.DeviceIngress;
import org.pujiang.server.twin.ingress.IngestKind;
import org.pujiang.server.twin.ingress.IngestRequest;
import org.pujiang.server.twin.ingress.IngestResult;
import org.pujiang.server.twin.ingress.IngestResult.RejectReason;
import org.pujiang.space.SpaceId;
import org.pujiang.twin.model.CompiledModel;
import org.pujiang.twin.model.TwinModel;
import org.pujiang.twin.state.Ingestor;
import org.pujiang.twin.state.Payloads;
import org.pujiang.twin.state.TwinState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twins: their records (in the database), their live state (in the partitions), device credentials, links,
 * space bindings and ingestion. REST handlers call it from worker threads (the methods that take a
 * {@link User} may block); devices reach it through {@link DeviceIngress}, which never blocks.
 */
public final class TwinService implements DeviceIngress, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TwinService.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int ID_MAX = 256;
    static final int NAME_MAX = 512;
    static final int ATTRIBUTES_MAX_BYTES = 16 * 1024;
    static final int LINK_NAME_MAX = 128;
    /** The most buckets a history query may ask for. */
    public static final int BUCKETS_MAX = 10_000;

    /** A twin's record: everything but its live state. */
    public record TwinRecord(String id, String modelId, String name, JsonObject attributes, Location location,
            TwinAcl acl, org.pujiang.server.auth.UserId owner, Instant createdAt, Instant updatedAt) {}

    /** Where a twin is: WGS84 coordinates and/or a position in a space; any part may be null. */
    public record Location(Double lat, Double lon, SpaceId space, Double x, Double y, Double z) {
        public static final Location NONE = new Location(null, null, null, null, null, null);

        public boolean hasGeo() {
            return lat != null && lon != null;
        }
    }

    /** A twin with its live state (as {@link TwinState#toJson}) and its links. */
    public record TwinView(TwinRecord record, ObjectNode state, List<Link> links) {}

    /** What to create. */
    public record NewTwin(Optional<String> id, String model, String name, JsonObject attributes, Location location,
            TwinAcl acl) {}

    /** What a query asks; empty parts match everything. */
    public record Query(Optional<String> model, Optional<String> property, Optional<String> op,
            Optional<JsonNode> value, Optional<String> linkedTo, Optional<String> linkName, Optional<double[]> near,
            Optional<Double> radiusMetres, int page, int size) {}

    private final TwinRepository repo;
    private final TwinModelService models;
    private final HistoryRepository historyRepo;
    private final HistoryWriter history;
    private final Clock clock;
    private final TwinSettings settings;
    private final TwinPartition[] partitions;
    private final StateSaver stateSaver;
    private final Map<String, TwinRecord> records = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Map<String, Set<SpaceId>> boundSpaces = new ConcurrentHashMap<>();
    private final Map<SpaceId, List<Binding>> bindingsBySpace = new ConcurrentHashMap<>();
    private final Set<SpaceId> replaying = ConcurrentHashMap.newKeySet();
    private volatile java.util.function.Consumer<String> deviceGone = twin -> { };
    private volatile SpaceSink spaceSink = (space, twin, update) -> { };
    private volatile RuleHook rules = RuleHook.NONE;
    private final Counters counters = new Counters();

    /** Ingestion counts since start. */
    public static final class Counters {
        private final java.util.concurrent.atomic.LongAdder accepted = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder[] rejected =
                new java.util.concurrent.atomic.LongAdder[RejectReason.values().length];

        Counters() {
            for (int i = 0; i < rejected.length; i++) {
                rejected[i] = new java.util.concurrent.atomic.LongAdder();
            }
        }

        void count(IngestResult r) {
            switch (r) {
                case IngestResult.Accepted a -> accepted.add(a.values());
                case IngestResult.Rejected x -> rejected[x.reason().ordinal()].increment();
            }
        }

        public long accepted() {
            return accepted.sum();
        }

        public long rejected(RejectReason reason) {
            return rejected[reason.ordinal()].sum();
        }
    }

    public Counters counters() {
        return counters;
    }

    /** Twins loaded. */
    public int count() {
        return records.size();
    }

    /** Where accepted values go for rule evaluation; called on partition threads. */
    public interface RuleHook {
        RuleHook NONE = new RuleHook() {
            @Override
            public void loaded(int partition, TwinState twin) {
            }

            @Override
            public void removed(int partition, String twin) {
            }

            @Override
            public void accepted(int partition, TwinState twin, List<Ingestor.Accepted> values) {
            }

            @Override
            public void tick(int partition, long nowMs) {
            }
        };

        /** A twin's state was loaded into the partition (at start, or when created). */
        void loaded(int partition, TwinState twin);

        /** A twin was deleted. */
        void removed(int partition, String twin);

        void accepted(int partition, TwinState twin, List<Ingestor.Accepted> values);

        void tick(int partition, long nowMs);
    }

    public TwinService(TwinRepository repo, TwinModelService models, HistoryRepository historyRepo,
            HistoryWriter history, Clock clock, TwinSettings settings) {
        this.repo = repo;
        this.models = models;
        this.historyRepo = historyRepo;
        this.history = history;
        this.clock = clock;
        this.settings = settings;
        this.stateSaver = new StateSaver(repo);
        this.partitions = new TwinPartition[settings.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            int index = i;
            partitions[i] = new TwinPartition(i, clock, settings, new TwinPartition.Outputs() {
                @Override
                public HistoryWriter.Offer history(List<TelemetryPoint> points) {
                    return history.offerAll(points);
                }

                @Override
                public boolean bound(String twinId) {
                    return boundSpaces.containsKey(twinId);
                }

                @Override
                public void changed(String twinId, ObjectNode update) {
                    publishToSpaces(twinId, update);
                }

                @Override
                public void save(List<TwinRepository.StateSave> states) {
                    stateSaver.offer(states);
                }

                @Override
                public void accepted(TwinState twin, List<Ingestor.Accepted> values) {
                    rules.accepted(index, twin, values);
                }

                @Override
                public void tick(long nowMs) {
                    rules.tick(index, nowMs);
                }

                @Override
                public void loaded(TwinState twin) {
                    rules.loaded(index, twin);
                }

                @Override
                public void removed(String twinId) {
                    rules.removed(index, twinId);
                }
            });
        }
    }

    /** Loads every twin, credential, link and binding, then starts the partitions. */
    public void start() {
        for (StoredTwin t : repo.all()) {
            Optional<CompiledModel> model = models.compiled(t.modelId());
            if (model.isEmpty()) {
                log.error("twin {} has model {}, which is gone; it stays unloaded", t.id(), t.modelId());
                continue;
            }
            TwinRecord r = record(t);
            records.put(r.id(), r);
            JsonNode state = readState(t.state());
            partitionOf(t.id()).load(t.id(), model.get(), state);
        }
        tokens.putAll(repo.activeCredentials());
        links.addAll(repo.links());
        for (Binding b : repo.allBindings()) {
            indexBinding(b);
        }
        for (TwinPartition p : partitions) {
            p.start();
        }
        log.info("twins: {} loaded into {} partitions, {} device credentials, {} bindings", records.size(),
                partitions.length, tokens.size(), bindingsBySpace.values().stream().mapToInt(List::size).sum());
    }

    /** Where changes of bound twins go; called on partition threads, must not block. */
    @FunctionalInterface
    public interface SpaceSink {
        void update(SpaceId space, String twin, ObjectNode update);
    }

    public void onSpaceUpdate(SpaceSink sink) {
        this.spaceSink = sink;
    }

    /** Told the twin id when its device credentials are revoked or the twin is deleted: connected devices go. */
    public void onDeviceGone(java.util.function.Consumer<String> listener) {
        this.deviceGone = listener;
    }

    public void setRuleHook(RuleHook hook) {
        this.rules = hook;
    }

    public int partitionCount() {
        return partitions.length;
    }

    /** Runs {@code task} on each partition's thread, with the partition's index. */
    public void onEachPartition(java.util.function.IntConsumer task) {
        for (int i = 0; i < partitions.length; i++) {
            int index = i;
            partitions[i].submit(p -> task.accept(index));
        }
    }

    /** Stops the partitions after their queued work, saving changed state. */
    @Override
    public void close() {
        for (TwinPartition p : partitions) {
            p.stop(5_000);
        }
        stateSaver.close();
    }

    // ================================================================ records

    public TwinView create(User actor, NewTwin n) {
        if (actor.isGuest()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "guests may not create twins; sign in with an account");
        }
        String id = n.id().orElseGet(() -> "twin-" + UUID.randomUUID());
        checkId(id);
        String name = checkName(n.name());
        CompiledModel model = models.compiled(n.model()).orElseThrow(() -> new ApiException(
                ErrorCode.TWIN_MODEL_NOT_FOUND, "no twin model " + TwinPartition.brief(n.model())));
        checkAttributes(n.attributes());
        Instant now = now();
        TwinRecord r = new TwinRecord(id, n.model(), name, n.attributes(), n.location(), n.acl(), actor.id(), now, now);
        if (!repo.insert(stored(r, null, 0))) {
            throw new ApiException(ErrorCode.TWIN_EXISTS, "a twin with id " + TwinPartition.brief(id) + " exists");
        }
        records.put(id, r);
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        partitionOf(id).submit(p -> {
            p.load(id, model, null);
            loaded.complete(null);
        });
        await(loaded);
        return view(r);
    }

    public TwinView get(User actor, String id) {
        return view(readable(actor, id));
    }

    /** Changes name, attributes, location and acl; absent parts stay. */
    public TwinView update(User actor, String id, Optional<String> name, Optional<JsonObject> attributes,
            Optional<Location> location, Optional<TwinAcl> acl) {
        TwinRecord old = permitted(actor, id, Permission.WRITE);
        if (acl.isPresent() && !actor.role().managesAllSpaces() && !actor.id().equals(old.owner())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the owner, operators and admins may change who has access");
        }
        attributes.ifPresent(TwinService::checkAttributes);
        TwinRecord r = new TwinRecord(id, old.modelId(), name.map(TwinService::checkName).orElse(old.name()),
                attributes.orElse(old.attributes()), location.orElse(old.location()), acl.orElse(old.acl()),
                old.owner(), old.createdAt(), now());
        if (!repo.update(stored(r, null, 0))) {
            throw notFound(id);
        }
        records.put(id, r);
        return view(r);
    }

    public void delete(User actor, String id) {
        TwinRecord r = readable(actor, id);
        if (!actor.role().managesAllSpaces() && !actor.id().equals(r.owner())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the owner, operators and admins may delete a twin");
        }
        if (!repo.delete(id)) {
            throw notFound(id);
        }
        records.remove(id);
        tokens.values().removeIf(id::equals);
        links.removeIf(l -> l.source().equals(id) || l.target().equals(id));
        boundSpaces.remove(id);
        bindingsBySpace.values().forEach(list -> list.removeIf(b -> b.twinId().equals(id)));
        partitionOf(id).submit(p -> p.unload(id));
        deviceGone.accept(id);
    }

    /** Twins the actor may read that match the query, by id. */
    public Page<TwinView> query(User actor, Query q) {
        org.pujiang.server.space.SpaceService.checkPage(q.page(), q.size());
        List<TwinRecord> candidates = new ArrayList<>();
        for (TwinRecord r : records.values()) {
            if (!r.acl().allows(actor, r.owner(), Permission.READ)) {
                continue;
            }
            if (q.model().isPresent() && !q.model().get().equals(r.modelId())) {
                continue;
            }
            if (q.linkedTo().isPresent() && !linked(r.id(), q.linkedTo().get(), q.linkName())) {
                continue;
            }
            if (q.near().isPresent()) {
                double[] c = q.near().get();
                if (!r.location().hasGeo() || Geo.metres(c[0], c[1], r.location().lat(), r.location().lon())
                        > q.radiusMetres().orElse(1000.0)) {
                    continue;
                }
            }
            candidates.add(r);
        }
        candidates.sort(Comparator.comparing(TwinRecord::id));
        Map<String, ObjectNode> states = states(candidates.stream().map(TwinRecord::id).toList());
        List<TwinView> matched = new ArrayList<>();
        for (TwinRecord r : candidates) {
            ObjectNode state = states.get(r.id());
            if (state == null) {
                continue;
            }
            if (q.property().isPresent() && !PropertyFilter.matches(state.path("reported").get(q.property().get()),
                    q.op().orElse("exists"), q.value().orElse(null))) {
                continue;
            }
            matched.add(new TwinView(r, state, linksOf(r.id())));
        }
        int from = Math.min(matched.size(), (q.page() - 1) * q.size());
        int to = Math.min(matched.size(), from + q.size());
        return new Page<>(List.copyOf(matched.subList(from, to)), matched.size(), q.page(), q.size());
    }

    private boolean linked(String id, String other, Optional<String> name) {
        for (Link l : links) {
            if (name.isPresent() && !name.get().equals(l.name())) {
                continue;
            }
            if ((l.source().equals(id) && l.target().equals(other)) || (l.target().equals(id) && l.source().equals(other))) {
                return true;
            }
        }
        return false;
    }

    // ================================================================ links

    public TwinView addLink(User actor, String source, String name, String target) {
        TwinRecord s = permitted(actor, source, Permission.WRITE);
        TwinRecord t = readable(actor, target);
        if (name == null || name.isEmpty() || name.length() > LINK_NAME_MAX) {
            throw new ApiException(ErrorCode.TWIN_LINK_INVALID, "a link name is 1 to " + LINK_NAME_MAX + " characters");
        }
        if (source.equals(target)) {
            throw new ApiException(ErrorCode.TWIN_LINK_INVALID, "a twin cannot link to itself");
        }
        TwinModel model = models.compiled(s.modelId()).map(CompiledModel::model).orElseThrow();
        if (!model.links().isEmpty()) {
            var declared = model.links().stream().filter(l -> l.name().equals(name)).findFirst();
            if (declared.isEmpty()) {
                throw new ApiException(ErrorCode.TWIN_LINK_INVALID, "model " + s.modelId() + " declares no link "
                        + name + "; it has " + model.links().stream().map(l -> l.name()).toList());
            }
            if (declared.get().targetModel() != null && !declared.get().targetModel().equals(t.modelId())) {
                throw new ApiException(ErrorCode.TWIN_LINK_INVALID, "link " + name + " goes to twins of model "
                        + declared.get().targetModel() + ", and " + target + " has model " + t.modelId());
            }
        }
        Link link = new Link(source, name, target);
        if (repo.addLink(link)) {
            links.add(link);
        }
        return view(s);
    }

    public void removeLink(User actor, String source, String name, String target) {
        permitted(actor, source, Permission.WRITE);
        Link link = new Link(source, name, target);
        if (!repo.removeLink(link)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no link " + source + " -" + name + "-> " + target);
        }
        links.remove(link);
    }

    private List<Link> linksOf(String id) {
        return links.stream().filter(l -> l.source().equals(id) || l.target().equals(id)).toList();
    }

    // ================================================================ credentials

    /** A new device token for the twin; only its hash is stored, so it is shown once. */
    public String newCredential(User actor, String id) {
        TwinRecord r = readable(actor, id);
        if (!actor.role().managesAllSpaces() && !actor.id().equals(r.owner())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the owner, operators and admins may issue device credentials");
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String hash = hash(token);
        repo.addCredential(hash, id, now(), actor.id());
        tokens.put(hash, id);
        return token;
    }

    public int revokeCredentials(User actor, String id) {
        TwinRecord r = readable(actor, id);
        if (!actor.role().managesAllSpaces() && !actor.id().equals(r.owner())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the owner, operators and admins may revoke device credentials");
        }
        int n = repo.revokeCredentials(id, now());
        tokens.values().removeIf(id::equals);
        deviceGone.accept(id);
        return n;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ================================================================ device ingress

    @Override
    public Optional<String> twinOfToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.get(hash(token)));
    }

    @Override
    public CompletionStage<IngestResult> ingest(IngestRequest request) {
        Payloads.Read read = switch (request.kind()) {
            case TELEMETRY -> Payloads.telemetry(request.payload());
            case ATTRIBUTES -> Payloads.attributes(request.payload());
            case SHADOW -> Payloads.shadow(request.payload());
        };
        if (read instanceof Payloads.Read.Malformed m) {
            return done(new IngestResult.Rejected(RejectReason.MALFORMED, m.message(), m.pointer()));
        }
        Payloads.Read.Ok ok = (Payloads.Read.Ok) read;
        String twin = request.twinId();
        if (!records.containsKey(twin)) {
            return done(new IngestResult.Rejected(RejectReason.UNKNOWN_TWIN, "no twin " + TwinPartition.brief(twin), ""));
        }
        CompletableFuture<IngestResult> result = new CompletableFuture<>();
        partitionOf(twin).submit(p -> {
            IngestResult r = p.report(twin, ok.samples(), request.source(), request.kind(), ok.clientToken());
            counters.count(r);
            result.complete(r);
        });
        return result;
    }

    private CompletableFuture<IngestResult> done(IngestResult r) {
        counters.count(r);
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public Registration attach(String twinId, DeviceLink link) {
        Object owner = new Object();
        TwinPartition p = partitionOf(twinId);
        p.submit(x -> x.attach(twinId, link, owner));
        return () -> p.submit(x -> x.detach(twinId, owner));
    }

    @Override
    public void rpcResponse(String twinId, long requestId, byte[] payload) {
        JsonNode answer;
        try {
            answer = payload.length == 0 ? NODES.nullNode() : Payloads.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            answer = NODES.textNode(new String(payload, StandardCharsets.UTF_8));
        }
        JsonNode a = answer;
        partitionOf(twinId).submit(p -> p.rpcAnswered(twinId, requestId, a));
    }

    /** HTTP ingestion for a signed-in user with write permission. */
    public IngestResult ingestAs(User actor, String id, IngestKind kind, byte[] payload) {
        permitted(actor, id, Permission.WRITE);
        return await(ingest(new IngestRequest(id, kind, payload, "http")).toCompletableFuture());
    }

    /** HTTP ingestion with a device token, which must belong to the twin. */
    public IngestResult ingestAsDevice(String token, String id, IngestKind kind, byte[] payload) {
        Optional<String> owner = twinOfToken(token);
        if (owner.isEmpty()) {
            throw new ApiException(ErrorCode.TOKEN_INVALID, "unknown or revoked device token");
        }
        if (!owner.get().equals(id)) {
            return new IngestResult.Rejected(RejectReason.NOT_AUTHORISED, "this device token belongs to another twin", "");
        }
        return await(ingest(new IngestRequest(id, kind, payload, "http")).toCompletableFuture());
    }

    // ================================================================ desired state and commands

    /** Sets desired values (the user's {@code write} permission); the device gets the delta if connected. */
    public ObjectNode desire(User actor, String id, ObjectNode values) {
        permitted(actor, id, Permission.WRITE);
        return await(desireAsync(id, values, "user:" + actor.id().value()));
    }

    /** As {@link #desire}, the permission checked by the caller. Fails with {@link ApiException}. */
    public CompletableFuture<ObjectNode> desireAsync(String id, ObjectNode values, String source) {
        CompletableFuture<ObjectNode> out = new CompletableFuture<>();
        partitionOf(id).submit(p -> {
            Ingestor.DesiredOutcome o = p.desire(id, values, source);
            if (o == null) {
                out.completeExceptionally(notFound(id));
            } else if (o instanceof Ingestor.DesiredOutcome.Refused r) {
                out.completeExceptionally(new ApiException(ErrorCode.TWIN_PAYLOAD_INVALID, r.message(),
                        r.pointer(), null));
            } else {
                Ingestor.DesiredOutcome.Set set = (Ingestor.DesiredOutcome.Set) o;
                ObjectNode reply = NODES.objectNode();
                reply.put("version", set.version());
                reply.set("desired", values);
                reply.set("delta", set.delta());
                out.complete(reply);
            }
        });
        return out;
    }

    /** Invokes an action (the user's {@code command} permission) and waits for the device's answer. */
    public JsonNode invoke(User actor, String id, String action, JsonNode input) {
        permitted(actor, id, Permission.COMMAND);
        return await(invokeAsync(id, action, input));
    }

    public CompletableFuture<JsonNode> invokeAsync(String id, String action, JsonNode input) {
        TwinRecord r = records.get(id);
        if (r == null) {
            return CompletableFuture.failedFuture(notFound(id));
        }
        CompiledModel model = models.compiled(r.modelId()).orElseThrow();
        var v = model.validateActionInput(action, input);
        if (v instanceof org.pujiang.twin.model.Validation.Rejected rej) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.TWIN_PAYLOAD_INVALID, rej.reason(),
                    rej.pointer(), null));
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        JsonNode params = input == null ? NODES.nullNode() : input;
        partitionOf(id).submit(p -> p.invoke(id, action, params, answer));
        return answer.handle((ok, e) -> {
            if (e == null) {
                return ok;
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            if (cause instanceof TwinPartition.CommandFailure f) {
                throw new ApiException(switch (f.code) {
                    case "twin:timeout" -> ErrorCode.TWIN_TIMEOUT;
                    case "twin:not-found" -> ErrorCode.TWIN_NOT_FOUND;
                    default -> ErrorCode.TWIN_DEVICE_OFFLINE;
                }, f.getMessage());
            }
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        });
    }

    /** Whether the user may read, write or command the twin, without throwing. */
    public boolean allows(User actor, String id, Permission permission) {
        TwinRecord r = records.get(id);
        return r != null && r.acl().allows(actor, r.owner(), permission);
    }

    // ================================================================ history

    /** A history answer: the buckets, and the start and bucket length they were computed with. */
    public record History(Instant from, Instant to, Duration bucket, List<HistoryRepository.Bucket> buckets) {}

    /**
     * Min, max, average and count per bucket over {@code [from, to)}, in at most {@code buckets} equal buckets
     * (empty ones left out). Buckets of a minute or more are whole minutes and start on a minute ({@code from} is
     * moved back to its minute), so that PostgreSQL answers from its minute rollups.
     */
    public History history(User actor, String id, String property, Instant from, Instant to, int buckets) {
        readable(actor, id);
        if (!to.isAfter(from)) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "to must be after from");
        }
        if (buckets < 1 || buckets > BUCKETS_MAX) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "buckets must be 1 to " + BUCKETS_MAX + ", got " + buckets);
        }
        long minute = 60_000;
        long start = from.toEpochMilli();
        long span = to.toEpochMilli() - start;
        long bucketMs = Math.max(1, (span + buckets - 1) / buckets);
        if (bucketMs >= minute) {
            start = Math.floorDiv(start, minute) * minute;
            span = to.toEpochMilli() - start;
            bucketMs = ((span + buckets - 1) / buckets + minute - 1) / minute * minute;
        }
        Instant aligned = Instant.ofEpochMilli(start);
        return new History(aligned, to, Duration.ofMillis(bucketMs),
                historyRepo.downsample(id, property, aligned, to, Duration.ofMillis(bucketMs)));
    }

    /**
     * Deletes history past its retention: a model's own ({@code PATCH /api/models/{id}}) or else
     * {@code defaultRetention}. The longest retention of all is applied to the whole table first (on
     * PostgreSQL that drops whole monthly partitions); shorter ones twin by twin. Blocks.
     *
     * @return rows deleted plus, on PostgreSQL, partitions dropped
     */
    public long applyRetention(Duration defaultRetention, Map<String, Integer> modelDays) {
        Instant now = clock.instant();
        Duration longest = defaultRetention;
        for (int days : modelDays.values()) {
            longest = longest.compareTo(Duration.ofDays(days)) >= 0 ? longest : Duration.ofDays(days);
        }
        HistoryRepository.RetentionResult all = historyRepo.deleteAllOlderThan(now.minus(longest));
        long removed = all.rowsDeleted() + all.partitionsDropped().size();
        Map<Duration, List<String>> byRetention = new HashMap<>();
        for (TwinRecord r : records.values()) {
            Integer days = modelDays.get(r.modelId());
            Duration keep = days == null ? defaultRetention : Duration.ofDays(days);
            if (keep.compareTo(longest) < 0) {
                byRetention.computeIfAbsent(keep, k -> new ArrayList<>()).add(r.id());
            }
        }
        for (Map.Entry<Duration, List<String>> e : byRetention.entrySet()) {
            List<String> ids = e.getValue();
            for (int i = 0; i < ids.size(); i += 500) {
                removed += historyRepo.deleteOlderThan(ids.subList(i, Math.min(ids.size(), i + 500)),
                        now.minus(e.getKey())).rowsDeleted();
            }
        }
        return removed;
    }

    // ================================================================ bindings

    /**
     * Binds a twin's property to an object of the space. Everyone in the space then sees that twin's live values,
     * so binding takes write permission on the twin (the caller checks the space).
     */
    public Binding bind(User actor, SpaceId space, String object, String twinId, String property, JsonObject visual) {
        TwinRecord r = permitted(actor, twinId, Permission.WRITE);
        CompiledModel model = models.compiled(r.modelId()).orElseThrow();
        if (!model.model().properties().containsKey(property)) {
            throw ApiException.invalid("property", "model " + r.modelId() + " has no property " + property);
        }
        if (object == null || object.isEmpty() || object.length() > 256) {
            throw ApiException.invalid("object", "object names a scene object or shared:<id>, 1 to 256 characters");
        }
        BindingVisual.check(visual);
        Binding b = new Binding(UUID.randomUUID(), space.value(), object, twinId, property, visual.encode(), now());
        repo.insertBinding(b);
        indexBinding(b);
        return b;
    }

    public List<Binding> bindings(SpaceId space) {
        return List.copyOf(bindingsBySpace.getOrDefault(space, List.of()));
    }

    public void unbind(SpaceId space, UUID bindingId) {
        if (!repo.deleteBinding(space.value(), bindingId)) {
            throw new ApiException(ErrorCode.TWIN_BINDING_NOT_FOUND, "no binding " + bindingId + " in this space");
        }
        List<Binding> list = bindingsBySpace.get(space);
        if (list != null) {
            list.removeIf(b -> b.id().equals(bindingId));
        }
        rebuildBound();
    }

    private void indexBinding(Binding b) {
        SpaceId space = new SpaceId(b.spaceId());
        bindingsBySpace.computeIfAbsent(space, k -> new CopyOnWriteArrayList<>()).add(b);
        boundSpaces.computeIfAbsent(b.twinId(), k -> ConcurrentHashMap.newKeySet()).add(space);
    }

    private void rebuildBound() {
        Map<String, Set<SpaceId>> fresh = new HashMap<>();
        bindingsBySpace.forEach((space, list) -> list.forEach(
                b -> fresh.computeIfAbsent(b.twinId(), k -> ConcurrentHashMap.newKeySet()).add(space)));
        boundSpaces.keySet().retainAll(fresh.keySet());
        boundSpaces.putAll(fresh);
    }

    /**
     * The full state of every twin bound in the space, each as a twin update ({@code version, reported, desired,
     * metadata}), for a client that just joined.
     */
    public Map<String, ObjectNode> snapshotForSpace(SpaceId space) {
        List<String> ids = bindings(space).stream().map(Binding::twinId).distinct().toList();
        Map<String, ObjectNode> states = states(ids);
        Map<String, ObjectNode> out = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            ObjectNode s = states.get(id);
            if (s != null) {
                ObjectNode u = NODES.objectNode();
                u.put("version", s.path("version").asLong());
                u.put("full", true);
                u.set("reported", s.get("reported"));
                u.set("desired", s.get("desired"));
                u.set("metadata", s.get("metadata"));
                TwinRecord r = records.get(id);
                if (r != null) {
                    u.put("name", r.name());
                    u.put("model", r.modelId());
                }
                out.put(id, u);
            }
        }
        return out;
    }

    /** Shows an alert change on the spaces that show the twin: an update whose {@code alerts} holds the alert. */
    public void publishAlert(String twinId, String alertJson) {
        if (!boundSpaces.containsKey(twinId)) {
            return;
        }
        try {
            ObjectNode update = NODES.objectNode();
            update.putArray("alerts").add(Payloads.mapper().readTree(alertJson));
            publishToSpaces(twinId, update);
        } catch (java.io.IOException e) {
            log.warn("alert JSON does not parse: {}", e.toString());
        }
    }

    private void publishToSpaces(String twinId, ObjectNode update) {
        Set<SpaceId> spaces = boundSpaces.get(twinId);
        if (spaces == null) {
            return;
        }
        for (SpaceId s : spaces) {
            if (!replaying.contains(s)) {
                spaceSink.update(s, twinId, update);
            }
        }
    }

    /** A replayed update, for a space whose live updates are paused. */
    void publishReplay(SpaceId space, String twinId, ObjectNode update) {
        spaceSink.update(space, twinId, update);
    }

    /** Holds back live updates from the space while it replays history. */
    void pauseLive(SpaceId space) {
        replaying.add(space);
    }

    /** Gives the space the live state again: the full state of each bound twin, then live updates. */
    void resumeLive(SpaceId space) {
        replaying.remove(space);
        snapshotForSpace(space).forEach((twin, state) -> {
            state.putNull("replay");
            spaceSink.update(space, twin, state);
        });
    }

    // ================================================================ internals

    /** Live states of the given twins, asked of their partitions. */
    private Map<String, ObjectNode> states(Collection<String> ids) {
        Map<TwinPartition, List<String>> byPartition = new HashMap<>();
        for (String id : ids) {
            byPartition.computeIfAbsent(partitionOf(id), k -> new ArrayList<>()).add(id);
        }
        Map<String, ObjectNode> out = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        byPartition.forEach((p, list) -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            p.submit(x -> {
                for (String id : list) {
                    TwinPartition.Live live = x.live(id);
                    if (live != null) {
                        out.put(id, live.state.toJson());
                    }
                }
                done.complete(null);
            });
            waits.add(done);
        });
        await(CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)));
        return out;
    }

    private TwinView view(TwinRecord r) {
        ObjectNode state = states(List.of(r.id())).get(r.id());
        return new TwinView(r, state == null ? new TwinState(r.id(),
                models.compiled(r.modelId()).orElseThrow()).toJson() : state, linksOf(r.id()));
    }

    private TwinRecord existing(String id) {
        TwinRecord r = id == null ? null : records.get(id);
        if (r == null) {
            throw notFound(id);
        }
        return r;
    }

    private TwinRecord readable(User actor, String id) {
        TwinRecord r = existing(id);
        if (!r.acl().allows(actor, r.owner(), Permission.READ)) {
            // Unreadable twins are indistinguishable from missing ones.
            throw notFound(id);
        }
        return r;
    }

    private TwinRecord permitted(User actor, String id, Permission permission) {
        TwinRecord r = readable(actor, id);
        if (!r.acl().allows(actor, r.owner(), permission)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "you may not " + permission.name().toLowerCase()
                    + " twin " + TwinPartition.brief(id));
        }
        return r;
    }

    TwinPartition partitionOf(String id) {
        return partitions[Math.floorMod(id.hashCode(), partitions.length)];
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.TWIN_OVERLOADED, "the twin service did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.TWIN_NOT_FOUND, "no twin " + TwinPartition.brief(String.valueOf(id)));
    }

    private static void checkId(String id) {
        if (id.isEmpty() || id.length() > ID_MAX || !id.matches("[A-Za-z0-9._:~-]+")) {
            throw ApiException.invalid("id", "a twin id is 1 to " + ID_MAX
                    + " characters of letters, digits and . _ : ~ -");
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > NAME_MAX) {
            throw ApiException.invalid("name", "name must be 1 to " + NAME_MAX + " characters");
        }
        return name.strip();
    }

    private static void checkAttributes(JsonObject attributes) {
        if (attributes.encode().getBytes(StandardCharsets.UTF_8).length > ATTRIBUTES_MAX_BYTES) {
            throw ApiException.invalid("attributes", "attributes must stay within " + ATTRIBUTES_MAX_BYTES + " bytes of JSON");
        }
    }

    private static JsonNode readState(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Payloads.mapper().readTree(json);
        } catch (java.io.IOException e) {
            log.warn("a saved twin state does not parse; starting it empty: {}", e.toString());
            return null;
        }
    }

    private static TwinRecord record(StoredTwin t) {
        Location loc = new Location(t.lat(), t.lon(), t.spaceId() == null ? null : new SpaceId(t.spaceId()), t.x(),
                t.y(), t.z());
        return new TwinRecord(t.id(), t.modelId(), t.name(), new JsonObject(t.attributes()), loc,
                TwinAcl.fromJson(new JsonObject(t.acl()), "acl"), t.owner(), t.createdAt(), t.updatedAt());
    }

    private static StoredTwin stored(TwinRecord r, String state, long stateVersion) {
        Location l = r.location();
        return new StoredTwin(r.id(), r.modelId(), r.name(), r.attributes().encode(), l.lat(), l.lon(),
                l.space() == null ? null : l.space().value(), l.x(), l.y(), l.z(), r.acl().toJson().encode(), r.owner(),
                r.createdAt(), r.updatedAt(), state, stateVersion);
    }
}
