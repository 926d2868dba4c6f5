package org.pujiang.server.realtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.server.space.Scenes;
import org.pujiang.server.space.Space;
import org.pujiang.server.storage.ObjectRepository;
import org.pujiang.space.SpaceCommand;
import org.pujiang.space.SpaceConfig;
import org.pujiang.space.SpaceId;
import org.pujiang.space.object.ObjectState;
import org.pujiang.space.tick.SpaceScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live engine spaces of this node: at most one {@link LiveSpace} per space id, made on first
 * use from the stored space (its bounds and capacity) and ticked by one shared {@link SpaceScheduler}.
 * A live space is kept until the node stops.
 *
 * <p>Shared objects: a live space is opened with the objects saved for it ({@link ObjectRepository});
 * a space with none saved gets {@link #STARTER_OBJECTS} near its spawn point, so that there is
 * something to pick up (there is no object API yet). {@link #persistChanged} saves the objects of
 * every space whose {@code objectsVersion()} moved; the server calls it about once a second on a
 * worker and once more at shutdown.
 *
 * <p>Metrics: each live space reports its tick time, clients, entities, updates sent and coalesced,
 * refused commands and goodbyes to the node's meter registry, tagged {@code space=<id>}.
 *
 * <p>Thread-safe. {@link #open} may run on any thread (the gateway calls it on a worker).
 */
public final class LiveSpaces implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveSpaces.class);

    /** The objects every new live space starts with, in front of its entrance, so there is something to pick up. */
    static final List<Starter> STARTER_OBJECTS = List.of(new Starter("cube", 1.5f, 3), new Starter("ball", -1.5f, 3),
            new Starter("crate", 0, 4));

    /** A starter object {@code dz} metres ahead of the spawn point and {@code dx} to its right. */
    record Starter(String name, float dx, float dz) {}

    /** Metres around a scene's spawn point within which arriving avatars appear. */
    private static final float SPAWN_RADIUS = 1.5f;

    private final SpaceScheduler scheduler;
    private final Scenes scenes;
    private final SpaceConfig base;
    private final ObjectRepository objects;
    private final MeterRegistry registry;
    private final ConcurrentMap<SpaceId, LiveSpace> spaces = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final List<java.util.function.BiConsumer<LiveSpace, Space>> openListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public LiveSpaces(SpaceConfig base, int threads, ObjectRepository objects, Scenes scenes, MeterRegistry registry) {
        this.scenes = scenes;
        this.base = base;
        this.objects = objects;
        this.registry = registry;
        this.scheduler = SpaceScheduler.create(threads);
    }

    /** A scheduler thread count for this machine: at most two. */
    public static int defaultThreads() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** The tick rate every live space runs at, as announced in Welcome. */
    public int tickHz() {
        return base.tickHz();
    }

    /** The live space for {@code stored}, made and scheduled if this node has none yet. */
    public LiveSpace open(Space stored) {
        if (closed) {
            throw new IllegalStateException("live spaces are closed");
        }
        LiveSpace s = spaces.get(stored.id());
        if (s != null) {
            return s;
        }
        boolean[] started = new boolean[1];
        s = spaces.computeIfAbsent(stored.id(), id -> {
            started[0] = true;
            return start(stored);
        });
        if (started[0]) {
            for (var listener : openListeners) {
                listener.accept(s, stored);
            }
        }
        return s;
    }

    /**
     * Tells {@code listener} of every space that starts on this node from now on, with the stored space it was
     * opened from, on the thread that opened it (it must hand slow work elsewhere).
     */
    public void onOpen(java.util.function.BiConsumer<LiveSpace, Space> listener) {
        openListeners.add(listener);
    }

    private LiveSpace start(Space stored) {
        SpaceConfig config = base.withBounds(stored.bounds()).withCapacity(stored.capacity());
        org.pujiang.space.Space engine = org.pujiang.space.Space.create(config);
        Scenes.Spawn spawn = scenes.spawn(stored.template());
        engine.offer(new SpaceCommand.SetSpawn(spawn.x(), spawn.y(), spawn.z(), spawn.yaw(), SPAWN_RADIUS));
        List<ObjectState> saved = objects.load(stored.id());
        if (saved.isEmpty()) {
            // in front of the entrance, beyond where arriving avatars appear: yaw 0 faces -Z and
            // positive yaw turns towards -X (docs/scene.md)
            double forwardX = -Math.sin(spawn.yaw());
            double forwardZ = -Math.cos(spawn.yaw());
            long objectId = 1;
            for (Starter s : STARTER_OBJECTS) {
                // dz is metres ahead, dx metres to the right (right = forward turned by -90°)
                double x = spawn.x() + forwardX * s.dz() - forwardZ * s.dx();
                double z = spawn.z() + forwardZ * s.dz() + forwardX * s.dx();
                engine.offer(new SpaceCommand.AddObject(objectId++, s.name(), (float) x, spawn.y(), (float) z, 0));
            }
        } else {
            for (ObjectState o : saved) {
                engine.offer(new SpaceCommand.AddObject(o.objectId(), o.name(), o.x(), o.y(), o.z(), o.yaw()));
            }
        }
        TickOutbox outbox = new TickOutbox(RealtimeMetrics.framesOut(registry), RealtimeMetrics.bytesOut(registry));
        SpaceScheduler.Ticket ticket = scheduler.schedule("space " + stored.id(), now -> {
            try {
                engine.tick(now);
            } finally {
                outbox.flush();
            }
        }, config.tickHz());
        log.info("live space {} ({}) started with {} saved objects", stored.id(), stored.name(), saved.size());
        bindMetrics(stored.id(), engine);
        return new LiveSpace(stored.id(), stored.name(), config, engine, ticket, new ConcurrentHashMap<>(),
                new AtomicLong(), new StateBodies(), outbox);
    }

    private void bindMetrics(SpaceId id, org.pujiang.space.Space engine) {
        Tags tags = Tags.of("space", id.toString());
        Gauge.builder("pujiang.space.clients", engine, e -> e.metrics().clients()).tags(tags).register(registry);
        Gauge.builder("pujiang.space.entities", engine, e -> e.metrics().entities()).tags(tags).register(registry);
        Gauge.builder("pujiang.space.tick.last", engine, e -> e.metrics().tickTimes().lastNanos() / 1e9)
                .baseUnit("seconds").tags(tags).register(registry);
        // percentileNanos takes a percentage (0..100), over the engine's window of recent ticks.
        Gauge.builder("pujiang.space.tick.p50", engine, e -> e.metrics().tickTimes().percentileNanos(50) / 1e9)
                .baseUnit("seconds").tags(tags).register(registry);
        Gauge.builder("pujiang.space.tick.p99", engine, e -> e.metrics().tickTimes().percentileNanos(99) / 1e9)
                .baseUnit("seconds").tags(tags).register(registry);
        FunctionCounter.builder("pujiang.space.ticks", engine, e -> e.metrics().tick()).tags(tags).register(registry);
        FunctionCounter.builder("pujiang.space.updates.sent", engine, e -> e.metrics().updatesSent()).tags(tags)
                .register(registry);
        FunctionCounter.builder("pujiang.space.updates.coalesced", engine, e -> e.metrics().updatesCoalesced())
                .tags(tags).register(registry);
        Gauge.builder("pujiang.space.agents", engine, e -> e.metrics().agents()).tags(tags).register(registry);
        FunctionCounter.builder("pujiang.space.agents.act", engine, e -> e.metrics().agentActNanos() / 1e9)
                .baseUnit("seconds").tags(tags).register(registry);
        FunctionCounter.builder("pujiang.space.agents.failures", engine, e -> e.metrics().agentFailures()).tags(tags)
                .register(registry);
        FunctionCounter.builder("pujiang.space.says", engine, e -> e.metrics().saysDelivered()).tags(tags)
                .register(registry);
        FunctionCounter.builder("pujiang.space.commands.refused", engine, e -> e.metrics().commandsRefused())
                .tags(tags).register(registry);
        for (ErrorCode code : List.of(ErrorCode.TOO_SLOW, ErrorCode.KICKED, ErrorCode.SHUTTING_DOWN)) {
            FunctionCounter.builder("pujiang.space.goodbyes", engine, e -> e.metrics().goodbyes(code))
                    .tags(tags.and("code", code.name())).register(registry);
        }
    }

    /**
     * Saves the objects of every live space whose objects changed since they were last saved. Blocks
     * on the database: call from a worker. One caller at a time.
     */
    public synchronized void persistChanged() {
        for (LiveSpace s : spaces.values()) {
            long version = s.engine().objectsVersion();
            if (version == s.savedObjectsVersion().get()) {
                continue;
            }
            try {
                objects.save(s.id(), s.engine().objects(), Instant.now());
                s.savedObjectsVersion().set(version);
            } catch (RuntimeException e) {
                // e.g. the space was deleted meanwhile; try again on the next change
                log.warn("could not save the objects of space {}: {}", s.id(), e.toString());
                s.savedObjectsVersion().set(version);
            }
        }
    }

    /** Hands a command to a running space; false when the space is not running here or its inbox is full. */
    public boolean offer(SpaceId id, SpaceCommand command) {
        LiveSpace s = spaces.get(id);
        return s != null && s.engine().offer(command);
    }

    /** Avatars connected to the space now: 0 when it is not running on this node. */
    public int online(SpaceId id) {
        LiveSpace s = spaces.get(id);
        return s == null ? 0 : s.engine().metrics().clients();
    }

    public Collection<LiveSpace> all() {
        return List.copyOf(spaces.values());
    }

    /**
     * Says goodbye SHUTTING_DOWN to every client (through each space's inbox), waits up to
     * {@code waitMs} for the spaces to have done so, then stops the scheduler.
     */
    public void shutdown(long waitMs) {
        if (closed) {
            return;
        }
        closed = true;
        for (LiveSpace s : spaces.values()) {
            s.engine().offer(new SpaceCommand.Shutdown("the server is stopping"));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        for (LiveSpace s : spaces.values()) {
            while (s.engine().metrics().clients() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        scheduler.close();
    }

    @Override
    public void close() {
        shutdown(1000);
    }
}
