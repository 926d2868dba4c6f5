package org.pujiang.space;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.pujiang.protocol.message.ChatScope;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.protocol.message.ErrorCode;
import org.pujiang.space.SpaceCommand.AddAgent;
import org.pujiang.space.SpaceCommand.AddObject;
import org.pujiang.space.SpaceCommand.Chat;
import org.pujiang.space.SpaceCommand.Disconnect;
import org.pujiang.space.SpaceCommand.Emote;
import org.pujiang.space.SpaceCommand.Grab;
import org.pujiang.space.SpaceCommand.Join;
import org.pujiang.space.SpaceCommand.Leave;
import org.pujiang.space.SpaceCommand.Moderate;
import org.pujiang.space.SpaceCommand.Move;
import org.pujiang.space.SpaceCommand.MoveObject;
import org.pujiang.space.SpaceCommand.NotifyHosts;
import org.pujiang.space.SpaceCommand.Release;
import org.pujiang.space.SpaceCommand.RemoveObject;
import org.pujiang.space.SpaceCommand.SetSpawn;
import org.pujiang.space.SpaceCommand.TwinUpdate;
import org.pujiang.space.SpaceCommand.Shutdown;
import org.pujiang.space.SpaceCommand.Teleport;
import org.pujiang.space.SpaceCommand.VoiceSignal;
import org.pujiang.space.chat.ChatText;
import org.pujiang.space.entity.ChangeMask;
import org.pujiang.space.entity.EntityStore;
import org.pujiang.space.inbox.MpscInbox;
import org.pujiang.space.interest.InterestPass;
import org.pujiang.space.interest.InterestView;
import org.pujiang.space.interest.SpatialGrid;
import org.pujiang.space.limit.TokenBucket;
import org.pujiang.space.object.ObjectState;
import org.pujiang.space.tick.TickRecorder;

/**
 * The one {@link Space}. All state below the "tick thread only" line is touched by the thread inside
 * {@link #tick} and by nothing else; other threads reach the space through {@link #offer} and the
 * published snapshots ({@code published}, {@code objectSnapshot}, {@code objectsVersion}).
 *
 * <p>Per-entity facts live in the {@link EntityStore} columns (what every tick reads) and in
 * {@link Avatar} / {@link SharedObject} side records indexed by the same slot (what commands read).
 * Commands are handled one method each, below, in the order the inbox yields them.
 */
final class SpaceImpl implements Space {
    private static final VarHandle TICKING;

    static {
        try {
            TICKING = MethodHandles.lookup().findVarHandle(SpaceImpl.class, "ticking", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SpaceConfig config;
    private final SpaceEnvironment env;
    private final MpscInbox<SpaceCommand> inbox;

    @SuppressWarnings("unused") // through TICKING
    private volatile int ticking;
    private volatile SpaceMetrics published;
    private volatile List<ObjectState> objectSnapshot = List.of();
    private volatile long objectsVersion;

    // ---- tick thread only ----

    private final EntityStore store;
    private final SpatialGrid grid;
    private final InterestPass pass;
    private final TickRecorder recorder = new TickRecorder(256);
    private final RandomGenerator random;
    private final Consumer<SpaceCommand> applier = this::apply;
    private final ViewEvents viewEvents = new ViewEvents();

    private float spawnX;
    private float spawnY;
    private float spawnZ;
    private float spawnYaw;
    private float spawnRadius;
    private final double speedPerNano;
    private final double maxCredit;
    private final float maxVelocity;
    private final long resumeNanos;
    private final long holdNanos;
    private final long dropAfterNanos;
    private final int reuseTicks;
    private final double audienceMargin;
    private final float radius2;

    private ClientSession[] clients = new ClientSession[16];
    private int clientCount;
    private final ClientTable byClientId = new ClientTable(64);
    private Avatar[] avatars;
    private SharedObject[] objects;
    private int avatarCount;
    private int objectCount;
    private final HashMap<Long, SharedObject> byObjectId = new HashMap<>();
    private final HashMap<Long, Avatar> byResumeKey = new HashMap<>();
    private final ArrayList<Avatar> resumable = new ArrayList<>();
    private final ArrayList<SharedObject> held = new ArrayList<>();
    private final ArrayList<PresenceEntry> presence = new ArrayList<>();
    private final ArrayList<Avatar> presenceOwners = new ArrayList<>();
    private final ArrayList<ClientSession> awaitingPresence = new ArrayList<>();
    private final ArrayList<ClientSession> removals = new ArrayList<>();
    /** Connected agents, in the order they were added: each one's actor runs once per tick. */
    private final ArrayList<ClientSession> agents = new ArrayList<>();
    private int[] due;
    private final int interestTicks;
    private long joins;
    private boolean objectsDirty;
    private boolean shutDown;
    private ClientSession current;

    private long tick;
    private long now;

    private long commandsApplied;
    private long commandsIgnored;
    private long movesApplied;
    private long movesRateLimited;
    private long movesClamped;
    private long movesStale;
    private long updatesSent;
    private long updatesDeferred;
    private long updatesCoalesced;
    private long enters;
    private long exits;
    private long chatsDelivered;
    private long saysDelivered;
    private long agentActNanos;
    private long agentFailures;
    private final long[] errorCounts = new long[ErrorCode.values().length];
    private final long[] goodbyeCounts = new long[ErrorCode.values().length];

    SpaceImpl(SpaceConfig config, SpaceEnvironment env) {
        this.config = config;
        this.env = env;
        this.random = env.random();
        this.inbox = new MpscInbox<>(config.inboxCapacity());
        int initial = Math.min(config.capacity(), 1024) + 64;
        this.store = new EntityStore(initial);
        // pack() walks every cell each tick: keep the cell count in proportion to the population
        int maxCells = (int) Math.min(SpatialGrid.MAX_CELLS, Math.max(1 << 16, 8L * (config.capacity() + 1024)));
        this.grid = new SpatialGrid(config.bounds(), config.cellSize(), initial, maxCells);
        List<SpaceConfig.UpdateTier> tiers = config.tiers();
        double[] within = new double[tiers.size()];
        int[] every = new int[tiers.size()];
        for (int i = 0; i < within.length; i++) {
            within[i] = tiers.get(i).withinMetres();
            every[i] = tiers.get(i).everyTicks();
        }
        this.pass = new InterestPass(store, grid, config.interestRadius(), config.exitHysteresis(), config.k(), within,
                every);
        this.avatars = new Avatar[initial];
        this.objects = new SharedObject[initial];
        this.due = new int[config.k()];
        this.interestTicks = config.ticks(config.interestInterval(), 1);
        Bounds b = config.bounds();
        this.spawnX = (float) ((b.minX() + b.maxX()) / 2);
        this.spawnY = (float) b.minY();
        this.spawnZ = (float) ((b.minZ() + b.maxZ()) / 2);
        this.speedPerNano = config.maxSpeed() * config.speedTolerance() / 1e9;
        this.maxCredit = Math.max(config.maxSpeed() * config.speedTolerance() * config.speedBurst().toNanos() / 1e9,
                config.maxSpeed() * config.speedTolerance() / config.tickHz());
        this.maxVelocity = (float) (config.maxSpeed() * config.speedTolerance());
        this.resumeNanos = config.resumeWindow().toNanos();
        this.holdNanos = config.holdTimeout().toNanos();
        this.dropAfterNanos = config.backpressure().dropAfter().toNanos();
        this.reuseTicks = config.ticks(config.localIdReuseDelay(), 0);
        // an entity may have moved since a viewer's last pass: widen event audiences by that much
        this.audienceMargin = 2 * maxCredit + grid.cellSize();
        this.radius2 = (float) (config.interestRadius() * config.interestRadius());
        this.published = buildMetrics();
    }

    // ------------------------------------------------------------------ any thread

    @Override
    public boolean offer(SpaceCommand command) {
        return inbox.offer(command);
    }

    @Override
    public SpaceConfig config() {
        return config;
    }

    @Override
    public SpaceMetrics metrics() {
        return published;
    }

    @Override
    public List<ObjectState> objects() {
        return objectSnapshot;
    }

    @Override
    public long objectsVersion() {
        return objectsVersion;
    }

    // ------------------------------------------------------------------ the tick

    @Override
    public void tick(long nowNanos) {
        if (!TICKING.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("tick entered concurrently: one thread at a time may tick a space");
        }
        long started = env.stopwatch().getAsLong();
        try {
            runTick(nowNanos);
        } finally {
            recorder.record(env.stopwatch().getAsLong() - started);
            published = buildMetrics();
            TICKING.setRelease(this, 0);
        }
    }

    private void runTick(long nowNanos) {
        // order matters: commands first, so that this tick's moves reach this tick's states; timers
        // next; then every client's interest and state; change masks are cleared only after all
        // clients have read them
        now = Math.max(now, nowNanos);
        tick++;
        store.recycle();
        inbox.drain(applier);
        sendPresenceLists();
        expireResumable();
        expireHolds();
        // agents decide after this tick's commands (chat they heard, their own moves) are applied and
        // before anyone is served; what they decide are commands for the next tick
        runAgents();
        // positions are final for this tick: pack them, and serve clients in cell order so that
        // neighbours, whose scans read the same cells, run one after another
        grid.pack(store);
        int[] packed = grid.packedSlots();
        int served = 0;
        for (int i = 0, n = grid.packedCount(); i < n; i++) {
            Avatar a = avatars[packed[i]];
            if (a != null && a.client != null) {
                serve(a.client);
                served++;
            }
        }
        if (served != clientCount) {
            throw new IllegalStateException("served " + served + " clients of " + clientCount
                    + ": an avatar is missing from the grid");
        }
        current = null;
        store.clearChanges();
        for (ClientSession s : removals) {
            if (!s.gone) {
                dropToResumable(s);
            }
        }
        removals.clear();
        if (objectsDirty) {
            objectsDirty = false;
            publishObjects();
        }
    }

    /** One client's part of the tick: backlog, own avatar, interest, state. */
    private void serve(ClientSession s) {
        int backlog = s.sink.backlog();
        SpaceConfig.Backpressure bp = config.backpressure();
        if (backlog >= bp.dropAt()) {
            if (s.slowSince < 0) {
                s.slowSince = now;
            } else if (now - s.slowSince >= dropAfterNanos) {
                goodbye(s, ErrorCode.TOO_SLOW, "fell " + backlog + " frames behind for over "
                        + config.backpressure().dropAfter().toMillis() + " ms");
                removals.add(s);
                return;
            }
        } else {
            s.slowSince = -1;
        }
        Avatar a = s.avatar;
        if (s.selfEnterDue) {
            s.selfEnterDue = false;
            a.corrected = 0;
            s.sink.enter(s.selfLocal, store.kind(a.slot), a.displayName, store.userId(a.slot), store.view(a.slot));
        }
        current = s;
        // Who a client sees changes slowly: recompute each set once per interest interval, a share of
        // the clients on each tick, and in between keep the set (dropping entities that are gone).
        if (s.interestDue || (tick + s.interestPhase) % interestTicks == 0) {
            s.interestDue = false;
            pass.update(s.view, a.slot, tick, viewEvents);
        } else {
            pass.keep(s.view, tick, viewEvents);
        }

        InterestView v = s.view;
        int n = v.collectDue(grid, tick, backlog >= bp.coalesceAt(), due);
        updatesDeferred += v.lastDeferred();
        updatesCoalesced += v.lastCoalesced();
        int self = a.corrected;
        if (n == 0 && self == 0) {
            return;
        }
        ClientSink sink = s.sink;
        sink.beginState(tick, serverTimeMs());
        if (self != 0) {
            a.corrected = 0;
            sink.update(s.selfLocal, self, store.view(a.slot));
        }
        for (int j = 0; j < n; j++) {
            int i = due[j];
            sink.update(v.localAt(i), v.pendingAt(i), store.view(v.slotAt(i)));
            v.sent(i);
        }
        sink.endState();
        updatesSent += n;
    }

    /** Reports a client's interest changes to its sink. */
    private final class ViewEvents implements InterestPass.Events {
        @Override
        public void exited(int localId) {
            current.sink.exit(localId);
            exits++;
        }

        @Override
        public void entered(int localId, int slot) {
            ClientSession s = current;
            s.sink.enter(localId, store.kind(slot), store.name(slot), store.userId(slot), store.view(slot));
            enters++;
            SharedObject o = objects[slot];
            if (o != null && o.holder != null) {
                s.sink.holder(localId, holderIdFor(s, o.holder));
            }
            Avatar a = avatars[slot];
            if (a != null && a.holding != null) {
                int objectLocal = s.view.localOf(a.holding.slot, store);
                if (objectLocal != 0) {
                    s.sink.holder(objectLocal, localId);
                }
            }
        }
    }

    private void apply(SpaceCommand command) {
        commandsApplied++;
        switch (command) {
            case Join c -> join(c);
            case AddAgent c -> addAgent(c);
            case Leave c -> leave(c);
            case Disconnect c -> disconnect(c);
            case Move c -> move(c);
            case Chat c -> chat(c);
            case SpaceCommand.Say c -> say(c);
            case NotifyHosts c -> notifyHosts(c);
            case Emote c -> emote(c);
            case Grab c -> grab(c);
            case MoveObject c -> moveObject(c);
            case Release c -> release(c);
            case VoiceSignal c -> voice(c);
            case Moderate c -> moderate(c);
            case Teleport c -> teleport(c);
            case AddObject c -> addObject(c);
            case RemoveObject c -> removeObject(c);
            case SetSpawn c -> setSpawn(c);
            case TwinUpdate c -> twinUpdate(c);
            case Shutdown c -> shutdown(c);
        }
    }

    private ClientSession session(long clientId) {
        ClientSession s = byClientId.get(clientId);
        if (s == null) {
            commandsIgnored++;
        }
        return s;
    }

    // ------------------------------------------------------------------ membership

    private void join(Join c) {
        ClientSink sink = c.sink();
        ClientSession existing = byClientId.get(c.clientId());
        if (existing != null) {
            ClientSession s = existing;
            if (s.sink == sink) {
                fault(s, ErrorCode.ALREADY_JOINED, "client " + c.clientId() + " is already in this space");
            } else {
                sink.error(ErrorCode.ALREADY_JOINED, "client " + c.clientId() + " is already in this space");
                errorCounts[ErrorCode.ALREADY_JOINED.ordinal()]++;
            }
            return;
        }
        if (shutDown) {
            refuse(sink, ErrorCode.SHUTTING_DOWN, "the space is shutting down");
            return;
        }
        Avatar a = c.resumeKey() == 0 ? null : byResumeKey.get(c.resumeKey());
        if (a != null && !a.userId.equals(c.userId())) {
            a = null; // a key is only good for the user it was issued to
        }
        if (a != null) {
            ClientSession old = a.client;
            if (old != null) {
                // the new connection beat the old one's disconnect: the old one is dead, take over
                goodbye(old, ErrorCode.ALREADY_JOINED, "this avatar was resumed by another connection");
                detach(old);
            } else {
                resumable.remove(a);
            }
            byResumeKey.remove(a.resumeKey);
            a.resumableUntil = 0;
            a.host = c.host();
            a.lastSeq = -1;
        } else {
            if (avatarCount - agents.size() >= config.capacity()) {
                refuse(sink, ErrorCode.SPACE_FULL, "the space holds " + config.capacity() + " avatars");
                return;
            }
            a = newAvatar(c.userId(), ChatText.name(c.displayName(), config.nameMaxCodePoints()), c.host());
        }
        a.resumeKey = newResumeKey();
        byResumeKey.put(a.resumeKey, a);
        attach(c.clientId(), sink, a, null);
    }

    /**
     * Adds a digital human where the server put it. It is joined like a client (a session, a view, a
     * welcome) so that its brain perceives the space through its sink exactly as a person's client would.
     */
    private void addAgent(AddAgent c) {
        ClientSink sink = c.sink();
        if (byClientId.get(c.clientId()) != null) {
            sink.error(ErrorCode.ALREADY_JOINED, "client " + c.clientId() + " is already in this space");
            errorCounts[ErrorCode.ALREADY_JOINED.ordinal()]++;
            return;
        }
        if (shutDown) {
            refuse(sink, ErrorCode.SHUTTING_DOWN, "the space is shutting down");
            return;
        }
        if (!finite(c.x(), c.y(), c.z()) || !Float.isFinite(c.yaw())) {
            refuse(sink, ErrorCode.INVALID_INPUT, "an agent needs a finite position and yaw");
            return;
        }
        Bounds b = config.bounds();
        Avatar a = placeAvatar(EntityKind.AGENT, c.userId(), ChatText.name(c.displayName(), config.nameMaxCodePoints()),
                false, clamp(c.x(), b.minX(), b.maxX()), clamp(c.y(), b.minY(), b.maxY()),
                clamp(c.z(), b.minZ(), b.maxZ()), normaliseYaw(c.yaw()));
        ClientSession s = attach(c.clientId(), sink, a, c.actor());
        agents.add(s);
    }

    /** Makes {@code a} the avatar of a new session for {@code clientId} and welcomes it. */
    private ClientSession attach(long clientId, ClientSink sink, Avatar a, AgentActor actor) {
        ClientSession s = new ClientSession(clientId, sink, a, new InterestView(config.k(), reuseTicks), config, actor);
        s.selfLocal = s.view.allocate(a.slot, store.generation(a.slot), tick);
        s.interestPhase = (int) (joins++ % interestTicks);
        a.client = s;
        byClientId.put(clientId, s);
        if (clientCount == clients.length) {
            clients = Arrays.copyOf(clients, clientCount * 2);
        }
        s.index = clientCount;
        clients[clientCount++] = s;
        awaitingPresence.add(s);
        sink.welcomeToSpace(s.selfLocal, a.resumeKey);
        return s;
    }

    private Avatar newAvatar(String userId, String displayName, boolean host) {
        float x = spawnX;
        float z = spawnZ;
        if (spawnRadius > 0) {
            double angle = random.nextDouble(2 * Math.PI);
            double r = spawnRadius * Math.sqrt(random.nextDouble()); // uniform over the disc
            Bounds b = config.bounds();
            x = clamp((float) (x + r * Math.cos(angle)), b.minX(), b.maxX());
            z = clamp((float) (z + r * Math.sin(angle)), b.minZ(), b.maxZ());
        }
        return placeAvatar(EntityKind.AVATAR, userId, displayName, host, x, spawnY, z, spawnYaw);
    }

    /** A new avatar (a person's or an agent's) at a place already inside the bounds; others are told. */
    private Avatar placeAvatar(EntityKind kind, String userId, String displayName, boolean host, float x, float y,
            float z, float yaw) {
        // the protocol shows no account behind an agent: its user id stays on the server
        int slot = store.add(kind, displayName, kind == EntityKind.AGENT ? "" : userId, x, y, z, yaw, tick);
        fitSlots();
        grid.insert(slot, x, z);
        Avatar a = new Avatar(slot, store.entityId(slot), userId, displayName, host, kind == EntityKind.AGENT);
        a.credit = maxCredit;
        a.creditNanos = now;
        avatars[slot] = a;
        avatarCount++;
        if (a.agent) {
            return a; // presence lists people: an agent is an entity, seen when in view
        }
        a.presenceIndex = presence.size();
        presence.add(a.presence);
        presenceOwners.add(a);
        for (int i = 0; i < clientCount; i++) {
            ClientSession r = clients[i];
            if (!r.presencePending) {
                r.sink.presenceChange(a.presence, true);
            }
        }
        return a;
    }

    private long newResumeKey() {
        long k;
        do {
            k = random.nextLong();
        } while (k == 0 || byResumeKey.containsKey(k));
        return k;
    }

    private void sendPresenceLists() {
        if (awaitingPresence.isEmpty()) {
            return;
        }
        List<PresenceEntry> everyone = List.copyOf(presence);
        for (ClientSession s : awaitingPresence) {
            if (!s.gone) {
                s.presencePending = false;
                s.sink.presence(everyone);
            }
        }
        awaitingPresence.clear();
    }

    private void leave(Leave c) {
        ClientSession s = session(c.clientId());
        if (s != null) {
            detach(s);
            removeAvatar(s.avatar);
        }
    }

    private void disconnect(Disconnect c) {
        ClientSession s = session(c.clientId());
        if (s != null) {
            dropToResumable(s);
        }
    }

    /** Forgets the client and keeps its avatar for the resume window. */
    private void dropToResumable(ClientSession s) {
        detach(s);
        Avatar a = s.avatar;
        if (a.agent) {
            removeAvatar(a); // nobody comes back for an agent: the server adds it anew
            return;
        }
        if (a.holding != null) {
            releaseObject(a.holding);
        }
        if (resumeNanos == 0) {
            removeAvatar(a);
            return;
        }
        a.resumableUntil = now + resumeNanos;
        resumable.add(a);
    }

    /** Forgets a client; its avatar stays as it is. */
    private void detach(ClientSession s) {
        if (s.gone) {
            return;
        }
        s.gone = true;
        byClientId.remove(s.clientId);
        int i = s.index;
        ClientSession last = clients[--clientCount];
        clients[i] = last;
        last.index = i;
        clients[clientCount] = null;
        if (s.avatar.client == s) {
            s.avatar.client = null;
        }
        if (s.actor != null) {
            agents.remove(s);
        }
    }

    /** Removes an avatar from the space: others see it exit and leave the presence list. */
    private void removeAvatar(Avatar a) {
        if (avatars[a.slot] != a) {
            return;
        }
        if (a.client != null) {
            detach(a.client);
        }
        if (a.holding != null) {
            releaseObject(a.holding);
        }
        if (a.resumableUntil != 0) {
            a.resumableUntil = 0;
            resumable.remove(a);
        }
        byResumeKey.remove(a.resumeKey);
        grid.remove(a.slot);
        store.remove(a.slot);
        avatars[a.slot] = null;
        avatarCount--;
        if (a.agent) {
            return;
        }
        int pi = a.presenceIndex;
        int lastIndex = presence.size() - 1;
        presence.set(pi, presence.get(lastIndex));
        Avatar moved = presenceOwners.get(lastIndex);
        presenceOwners.set(pi, moved);
        moved.presenceIndex = pi;
        presence.remove(lastIndex);
        presenceOwners.remove(lastIndex);
        for (int i = 0; i < clientCount; i++) {
            ClientSession r = clients[i];
            if (!r.presencePending) {
                r.sink.presenceChange(a.presence, false);
            }
        }
    }

    private void expireResumable() {
        // one compacting pass: after a gateway restart thousands may expire in the same tick
        int w = 0;
        for (int i = 0, n = resumable.size(); i < n; i++) {
            Avatar a = resumable.get(i);
            if (now >= a.resumableUntil) {
                a.resumableUntil = 0; // already off the list
                removeAvatar(a);
            } else {
                resumable.set(w++, a);
            }
        }
        resumable.subList(w, resumable.size()).clear();
    }

    private void shutdown(Shutdown c) {
        shutDown = true;
        while (clientCount > 0) {
            ClientSession s = clients[clientCount - 1];
            goodbye(s, ErrorCode.SHUTTING_DOWN, c.reason());
            detach(s);
        }
        for (int slot = 0; slot < avatars.length; slot++) {
            if (avatars[slot] != null) {
                removeAvatar(avatars[slot]);
            }
        }
    }

    // ------------------------------------------------------------------ movement

    private void move(Move c) {
        ClientSession s = admitted(c.clientId(), x -> x.moves, "moves");
        if (s == null) {
            return;
        }
        if (!finite(c.x(), c.y(), c.z()) || !finite(c.yaw(), c.pitch(), c.vx()) || !finite(c.vy(), c.vz(), 0)
                || c.anim() < 0 || c.anim() > 255 || c.seq() < 0) {
            fault(s, ErrorCode.INVALID_INPUT, "a move needs finite numbers, anim 0..255 and seq >= 0");
            return;
        }
        Avatar a = s.avatar;
        if (c.seq() <= a.lastSeq) {
            movesStale++;
            return;
        }
        a.lastSeq = c.seq();
        int slot = a.slot;
        a.credit = Math.min(maxCredit, a.credit + speedPerNano * (now - a.creditNanos));
        a.creditNanos = now;
        boolean corrected = clampAndLimit(slot, c.x(), c.y(), c.z(), a.credit);
        a.credit = Math.max(0, a.credit - lastStep);
        float vx = c.vx();
        float vy = c.vy();
        float vz = c.vz();
        float v2 = vx * vx + vy * vy + vz * vz;
        if (v2 > maxVelocity * maxVelocity) {
            float f = maxVelocity / (float) Math.sqrt(v2);
            vx *= f;
            vy *= f;
            vz *= f;
        }
        store.set(slot, clampedX, clampedY, clampedZ, normaliseYaw(c.yaw()), clampPitch(c.pitch()), vx, vy, vz,
                c.anim(), tick);
        store.setInputSeq(slot, c.seq());
        grid.move(slot, clampedX, clampedZ);
        movesApplied++;
        if (corrected) {
            movesClamped++;
            a.corrected |= ChangeMask.POS;
        }
    }

    // results of clampAndLimit, to avoid allocating a tuple per move
    private float clampedX;
    private float clampedY;
    private float clampedZ;
    private double lastStep;

    /**
     * Clamps the target into the bounds, then pulls it back along the line from the entity's current
     * position so that the step is at most {@code credit} metres. Leaves the result in
     * {@code clampedX/Y/Z} and the step length in {@code lastStep}; returns whether anything changed.
     */
    private boolean clampAndLimit(int slot, float tx, float ty, float tz, double credit) {
        Bounds b = config.bounds();
        float x = clamp(tx, b.minX(), b.maxX());
        float y = clamp(ty, b.minY(), b.maxY());
        float z = clamp(tz, b.minZ(), b.maxZ());
        boolean corrected = x != tx || y != ty || z != tz;
        float fx = store.x(slot);
        float fy = store.y(slot);
        float fz = store.z(slot);
        double dx = x - fx;
        double dy = y - fy;
        double dz = z - fz;
        double dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (dist > credit) {
            double f = credit / dist;
            // both ends lie in the box and the box is convex, so the clamped point does too
            x = (float) (fx + dx * f);
            y = (float) (fy + dy * f);
            z = (float) (fz + dz * f);
            dist = credit;
            corrected = true;
        }
        clampedX = x;
        clampedY = y;
        clampedZ = z;
        lastStep = dist;
        return corrected;
    }

    private void twinUpdate(TwinUpdate c) {
        long t = serverTimeMs();
        for (int i = 0; i < clientCount; i++) {
            clients[i].sink.twinUpdate(c.twin(), c.json(), t);
        }
    }

    private void setSpawn(SetSpawn c) {
        if (!finite(c.x(), c.y(), c.z()) || !Float.isFinite(c.yaw()) || !(c.radius() >= 0 && c.radius() <= 100)) {
            return;
        }
        Bounds b = config.bounds();
        spawnX = clamp(c.x(), b.minX(), b.maxX());
        spawnY = clamp(c.y(), b.minY(), b.maxY());
        spawnZ = clamp(c.z(), b.minZ(), b.maxZ());
        spawnYaw = normaliseYaw(c.yaw());
        spawnRadius = c.radius();
    }

    private void teleport(Teleport c) {
        ClientSession s = session(c.clientId());
        if (s == null || !finite(c.x(), c.y(), c.z())) {
            return;
        }
        Bounds b = config.bounds();
        int slot = s.avatar.slot;
        float x = clamp(c.x(), b.minX(), b.maxX());
        float z = clamp(c.z(), b.minZ(), b.maxZ());
        store.setPosition(slot, x, clamp(c.y(), b.minY(), b.maxY()), z, tick);
        grid.move(slot, x, z);
        s.avatar.corrected |= ChangeMask.POS;
        s.interestDue = true;
    }

    private static float clamp(float v, double min, double max) {
        return v < min ? (float) min : (v > max ? (float) max : v);
    }

    private static boolean finite(float a, float b, float c) {
        return Float.isFinite(a) && Float.isFinite(b) && Float.isFinite(c);
    }

    private static final float TWO_PI = (float) (2 * Math.PI);
    private static final float HALF_PI = (float) (Math.PI / 2);

    private static float normaliseYaw(float yaw) {
        if (yaw >= 0 && yaw < TWO_PI) {
            return yaw;
        }
        float r = yaw % TWO_PI;
        return r < 0 ? (r + TWO_PI >= TWO_PI ? 0 : r + TWO_PI) : r;
    }

    private static float clampPitch(float pitch) {
        return pitch < -HALF_PI ? -HALF_PI : (pitch > HALF_PI ? HALF_PI : pitch);
    }

    // ------------------------------------------------------------------ chat, emotes, voice

    private void chat(Chat c) {
        ClientSession s = admitted(c.clientId(), x -> x.chats, "chat");
        if (s == null) {
            return;
        }
        Avatar a = s.avatar;
        if (a.muted) {
            fault(s, ErrorCode.MUTED, "you are muted here");
            return;
        }
        String text;
        switch (ChatText.clean(c.text(), config.chatMaxCodePoints())) {
            case ChatText.Ok ok -> text = ok.text();
            case ChatText.TooLong t -> {
                fault(s, ErrorCode.TOO_LARGE, "chat is " + t.codePoints() + " characters, over the limit of " + t.max());
                return;
            }
            case ChatText.Empty e -> {
                fault(s, ErrorCode.INVALID_INPUT, "chat text is empty");
                return;
            }
        }
        long t = serverTimeMs();
        switch (c.scope()) {
            case SPACE -> {
                for (int i = 0; i < clientCount; i++) {
                    deliverChat(clients[i], a, ChatScope.SPACE, text, t);
                }
            }
            case NEARBY -> {
                int from = a.slot;
                grid.forEachNear(store.x(from), store.z(from), config.interestRadius(), slot -> {
                    Avatar r = avatars[slot];
                    if (r != null && r.client != null && store.distanceSquared(from, slot) <= radius2) {
                        deliverChat(r.client, a, ChatScope.NEARBY, text, t);
                    }
                });
            }
            case DIRECT -> {
                int target = s.view.resolve(c.toEntity(), store);
                Avatar r = target < 0 ? null : avatars[target];
                if (r == null || r.client == null) {
                    error(s, ErrorCode.NO_SUCH_ENTITY, "entity " + c.toEntity() + " is not a connected avatar you see");
                    return;
                }
                deliverChat(r.client, a, ChatScope.DIRECT, text, t);
                if (r != a) {
                    deliverChat(s, a, ChatScope.DIRECT, text, t);
                }
            }
        }
    }

    private void deliverChat(ClientSession r, Avatar from, ChatScope scope, String text, long t) {
        r.sink.chat(r.view.localOf(from.slot, store), from.entityId, from.displayName, scope, text, t);
        chatsDelivered++;
    }

    // ------------------------------------------------------------------ agents

    /** Each agent's step of behaviour; a failing one is counted and skipped, the space goes on. */
    private void runAgents() {
        int n = agents.size();
        if (n == 0) {
            return;
        }
        long started = env.stopwatch().getAsLong();
        for (int i = 0; i < n; i++) {
            try {
                agents.get(i).actor.act(now);
            } catch (RuntimeException e) {
                agentFailures++;
            }
        }
        agentActNanos += env.stopwatch().getAsLong() - started;
    }

    /** The agent's session for {@code clientId}, or null (a person's client is told it may not). */
    private ClientSession agentSession(long clientId, String what) {
        ClientSession s = session(clientId);
        if (s != null && !s.avatar.agent) {
            fault(s, ErrorCode.FORBIDDEN, "only a digital human may " + what);
            return null;
        }
        return s;
    }

    private void say(SpaceCommand.Say c) {
        ClientSession s = agentSession(c.clientId(), "say lines");
        if (s == null) {
            return;
        }
        Avatar a = s.avatar;
        long t = serverTimeMs();
        // receivers that do not see the agent share one copy; those that do get their own local id
        org.pujiang.protocol.message.Say unseen = c.line().withFrom(0, a.displayName, c.scope(), t);
        switch (c.scope()) {
            case SPACE -> {
                for (int i = 0; i < clientCount; i++) {
                    if (clients[i] != s) {
                        deliverSay(clients[i], a, unseen, t);
                    }
                }
            }
            case NEARBY -> {
                int from = a.slot;
                grid.forEachNear(store.x(from), store.z(from), config.interestRadius(), slot -> {
                    Avatar r = avatars[slot];
                    if (r != null && r.client != null && r != a && store.distanceSquared(from, slot) <= radius2) {
                        deliverSay(r.client, a, unseen, t);
                    }
                });
            }
            case DIRECT -> {
                ClientSession r = clientOfEntity(c.toEntityId());
                if (r == null || r == s) {
                    error(s, ErrorCode.NO_SUCH_ENTITY, "entity " + c.toEntityId() + " is not a connected avatar");
                    return;
                }
                deliverSay(r, a, unseen, t);
            }
        }
    }

    private void deliverSay(ClientSession r, Avatar from, org.pujiang.protocol.message.Say unseen, long t) {
        int local = r.view.localOf(from.slot, store);
        r.sink.say(local, from.entityId, local == 0 ? unseen : unseen.withFrom(local, from.displayName,
                unseen.scope(), t), t);
        saysDelivered++;
    }

    /**
     * The connected client whose avatar has this space-wide id, or null. A scan: agents address people
     * rarely (a greeting, an answer), and a map kept for it would cost every join and leave.
     */
    private ClientSession clientOfEntity(int entityId) {
        for (int i = 0; i < clientCount; i++) {
            if (clients[i].avatar.entityId == entityId) {
                return clients[i];
            }
        }
        return null;
    }

    private void notifyHosts(NotifyHosts c) {
        ClientSession s = agentSession(c.clientId(), "notify hosts");
        if (s == null) {
            return;
        }
        String text;
        switch (ChatText.clean(c.text(), config.chatMaxCodePoints())) {
            case ChatText.Ok ok -> text = ok.text();
            // a notice must not be lost for being long (a long question quoted in it): cut it
            case ChatText.TooLong tl -> text = ChatText.name(c.text(), config.chatMaxCodePoints() - 1) + "…";
            case ChatText.Empty e -> {
                error(s, ErrorCode.INVALID_INPUT, "a notice to hosts needs text");
                return;
            }
        }
        Avatar a = s.avatar;
        long t = serverTimeMs();
        for (int i = 0; i < clientCount; i++) {
            ClientSession r = clients[i];
            if (r.avatar.host && r != s) {
                deliverChat(r, a, ChatScope.DIRECT, text, t);
            }
        }
    }

    private void emote(Emote c) {
        ClientSession s = admitted(c.clientId(), x -> x.emotes, "emotes");
        if (s == null) {
            return;
        }
        if (c.emote() < 0 || c.emote() > 255) {
            fault(s, ErrorCode.INVALID_INPUT, "emote must be 0..255, got " + c.emote());
            return;
        }
        int slot = s.avatar.slot;
        s.sink.emote(s.selfLocal, c.emote());
        forEachViewer(slot, (r, local) -> r.sink.emote(local, c.emote()));
    }

    private void voice(VoiceSignal c) {
        ClientSession s = admitted(c.clientId(), x -> x.voice, "voice signals");
        if (s == null) {
            return;
        }
        if (s.avatar.muted) {
            fault(s, ErrorCode.MUTED, "you are muted here");
            return;
        }
        if (c.payload().length() > config.voiceMaxChars()) {
            fault(s, ErrorCode.TOO_LARGE, "voice payload is " + c.payload().length() + " characters, over "
                    + config.voiceMaxChars());
            return;
        }
        int target = s.view.resolve(c.toEntity(), store);
        Avatar r = target < 0 ? null : avatars[target];
        if (r == null || r.client == null || r == s.avatar) {
            error(s, ErrorCode.NO_SUCH_ENTITY, "entity " + c.toEntity() + " is not a connected avatar you see");
            return;
        }
        // relayed only between avatars that see each other: the receiver must be able to answer
        int fromLocal = r.client.view.localOf(s.avatar.slot, store);
        if (fromLocal == 0) {
            error(s, ErrorCode.NO_SUCH_ENTITY, "entity " + c.toEntity() + " does not see you");
            return;
        }
        r.client.sink.voice(fromLocal, c.kind(), c.payload());
    }

    // ------------------------------------------------------------------ shared objects

    private void addObject(AddObject c) {
        if (byObjectId.containsKey(c.objectId()) || !finite(c.x(), c.y(), c.z()) || !Float.isFinite(c.yaw())) {
            commandsIgnored++;
            return;
        }
        Bounds b = config.bounds();
        float x = clamp(c.x(), b.minX(), b.maxX());
        float y = clamp(c.y(), b.minY(), b.maxY());
        float z = clamp(c.z(), b.minZ(), b.maxZ());
        String name = ChatText.name(c.name(), config.nameMaxCodePoints());
        int slot = store.add(EntityKind.OBJECT, name, "", x, y, z, normaliseYaw(c.yaw()), tick);
        fitSlots();
        grid.insert(slot, x, z);
        SharedObject o = new SharedObject(c.objectId(), slot, name);
        objects[slot] = o;
        objectCount++;
        byObjectId.put(c.objectId(), o);
        objectsDirty = true;
    }

    private void removeObject(RemoveObject c) {
        SharedObject o = byObjectId.remove(c.objectId());
        if (o == null) {
            commandsIgnored++;
            return;
        }
        if (o.holder != null) {
            o.holder.holding = null;
            o.holder = null;
            removeHeld(o);
        }
        grid.remove(o.slot);
        store.remove(o.slot);
        objects[o.slot] = null;
        objectCount--;
        objectsDirty = true;
    }

    /** The object the client means, or null after telling it there is none. */
    private SharedObject objectFor(ClientSession s, int localId) {
        int slot = s.view.resolve(localId, store);
        SharedObject o = slot < 0 ? null : objects[slot];
        if (o == null) {
            error(s, ErrorCode.NO_SUCH_ENTITY, "entity " + localId + " is not an object you see");
        }
        return o;
    }

    private void grab(Grab c) {
        ClientSession s = session(c.clientId());
        if (s == null) {
            return;
        }
        SharedObject o = objectFor(s, c.objectEntity());
        if (o == null) {
            return;
        }
        Avatar a = s.avatar;
        if (o.holder == a) {
            return;
        }
        if (o.holder != null) {
            error(s, ErrorCode.OBJECT_HELD, o.name + " is held by " + o.holder.displayName);
            return;
        }
        if (a.holding != null) {
            releaseObject(a.holding);
        }
        o.holder = a;
        a.holding = o;
        o.lastTouch = now;
        o.credit = maxCredit;
        o.creditNanos = now;
        o.heldIndex = held.size();
        held.add(o);
        announceHolder(o);
    }

    private void moveObject(MoveObject c) {
        ClientSession s = admitted(c.clientId(), x -> x.objectMoves, "object moves");
        if (s == null) {
            return;
        }
        if (!finite(c.x(), c.y(), c.z()) || !Float.isFinite(c.yaw())) {
            fault(s, ErrorCode.INVALID_INPUT, "an object move needs finite numbers");
            return;
        }
        SharedObject o = objectFor(s, c.objectEntity());
        if (o == null) {
            return;
        }
        if (o.holder != s.avatar) {
            if (o.holder != null) {
                error(s, ErrorCode.OBJECT_HELD, o.name + " is held by " + o.holder.displayName);
            } else {
                fault(s, ErrorCode.FORBIDDEN, "grab " + o.name + " before moving it");
            }
            return;
        }
        o.credit = Math.min(maxCredit, o.credit + speedPerNano * (now - o.creditNanos));
        o.creditNanos = now;
        clampAndLimit(o.slot, c.x(), c.y(), c.z(), o.credit);
        o.credit = Math.max(0, o.credit - lastStep);
        int slot = o.slot;
        store.set(slot, clampedX, clampedY, clampedZ, normaliseYaw(c.yaw()), store.pitch(slot), 0, 0, 0,
                store.anim(slot), tick);
        grid.move(slot, clampedX, clampedZ);
        o.lastTouch = now;
        objectsDirty = true;
    }

    private void release(Release c) {
        ClientSession s = session(c.clientId());
        if (s == null) {
            return;
        }
        SharedObject o = objectFor(s, c.objectEntity());
        if (o == null) {
            return;
        }
        if (o.holder == s.avatar) {
            releaseObject(o);
        } else if (o.holder != null) {
            error(s, ErrorCode.OBJECT_HELD, o.name + " is held by " + o.holder.displayName);
        }
    }

    private void releaseObject(SharedObject o) {
        o.holder.holding = null;
        o.holder = null;
        removeHeld(o);
        announceHolder(o);
    }

    private void removeHeld(SharedObject o) {
        int i = o.heldIndex;
        SharedObject last = held.remove(held.size() - 1);
        if (last != o) {
            held.set(i, last);
            last.heldIndex = i;
        }
        o.heldIndex = -1;
    }

    private void expireHolds() {
        for (int i = held.size() - 1; i >= 0; i--) {
            if (i < held.size()) {
                SharedObject o = held.get(i);
                if (now - o.lastTouch >= holdNanos) {
                    releaseObject(o);
                }
            }
        }
    }

    /** Tells every client that sees {@code o} who holds it now. */
    private void announceHolder(SharedObject o) {
        Avatar h = o.holder;
        forEachViewer(o.slot, (r, local) -> r.sink.holder(local, h == null ? 0 : holderIdFor(r, h)));
    }

    private int holderIdFor(ClientSession r, Avatar holder) {
        int id = r.view.localOf(holder.slot, store);
        return id != 0 ? id : ClientSink.UNSEEN_HOLDER;
    }

    @FunctionalInterface
    private interface ViewerAction {
        void accept(ClientSession viewer, int localIdOfEntity);
    }

    /** Calls {@code action} for every client (other than the entity's own) that has {@code slot} in view. */
    private void forEachViewer(int slot, ViewerAction action) {
        double reach = config.interestRadius() * config.exitHysteresis() + audienceMargin;
        grid.forEachNear(store.x(slot), store.z(slot), reach, other -> {
            Avatar r = avatars[other];
            if (r != null && r.client != null && other != slot) {
                int local = r.client.view.localOf(slot, store);
                if (local != 0) {
                    action.accept(r.client, local);
                }
            }
        });
    }

    // ------------------------------------------------------------------ moderation

    private void moderate(Moderate c) {
        ClientSession s = session(c.clientId());
        if (s == null) {
            return;
        }
        if (!s.avatar.host) {
            fault(s, ErrorCode.FORBIDDEN, "only a host may " + c.action().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        int slot = s.view.resolve(c.targetEntity(), store);
        Avatar t = slot < 0 ? null : avatars[slot];
        if (t == null) {
            error(s, ErrorCode.NO_SUCH_ENTITY, "entity " + c.targetEntity() + " is not an avatar you see");
            return;
        }
        if (t == s.avatar) {
            fault(s, ErrorCode.INVALID_INPUT, "a host cannot moderate itself");
            return;
        }
        if (t.agent) {
            // not a fault: the UI may offer the menu on any figure; the server owns its agents
            error(s, ErrorCode.INVALID_INPUT,
                    t.displayName + " is a digital human: manage it from the space's settings");
            return;
        }
        String reason = ChatText.name(c.reason(), 200);
        switch (c.action()) {
            case MUTE -> {
                t.muted = true;
                if (t.client != null) {
                    notify(t.client, ErrorCode.MUTED, reason.isEmpty() ? "a host muted you" : reason);
                }
            }
            case UNMUTE -> t.muted = false;
            case KICK -> {
                if (t.client != null) {
                    goodbye(t.client, ErrorCode.KICKED, reason.isEmpty() ? "a host removed you" : reason);
                }
                removeAvatar(t);
            }
        }
    }

    // ------------------------------------------------------------------ errors and goodbyes

    /** An error that is the client's fault: it counts towards the abuse limit. */
    private void fault(ClientSession s, ErrorCode code, String message) {
        error(s, code, message);
        if (!s.gone && s.errors.record(now)) {
            SpaceConfig.RateLimits r = config.rateLimits();
            goodbye(s, ErrorCode.KICKED, "too many errors: " + r.abuseErrors() + " within "
                    + r.abuseWindow().toSeconds() + " s");
            detach(s);
            removeAvatar(s.avatar);
        }
    }

    /** An error that is nobody's fault (a race with an exit, a contended object). */
    private void error(ClientSession s, ErrorCode code, String message) {
        s.sink.error(code, message);
        errorCounts[code.ordinal()]++;
    }

    /** Information for the client (not a refusal of its input); not counted towards abuse. */
    private void notify(ClientSession s, ErrorCode code, String message) {
        error(s, code, message);
    }

    /**
     * The sender's session when it exists and its {@code bucket} has a token; otherwise null, the
     * input being dropped (and, over the limit, counted and reported).
     */
    private ClientSession admitted(long clientId, Function<ClientSession, TokenBucket> bucket,
            String what) {
        ClientSession s = session(clientId);
        if (s == null) {
            return null;
        }
        TokenBucket b = bucket.apply(s);
        if (!b.tryTake(now)) {
            if (b == s.moves) {
                movesRateLimited++; // the one limit the metrics count separately
            }
            rateLimited(s, what);
            return null;
        }
        return s;
    }

    /** Over a rate limit: the input is dropped; the client hears about it at most once a second. */
    private void rateLimited(ClientSession s, String what) {
        if (s.lastRateLimitNotice == Long.MIN_VALUE || now - s.lastRateLimitNotice >= 1_000_000_000L) {
            s.lastRateLimitNotice = now;
            fault(s, ErrorCode.RATE_LIMITED, "too many " + what + "; some were dropped");
        }
    }

    private void goodbye(ClientSession s, ErrorCode code, String reason) {
        s.sink.goodbye(code, reason);
        goodbyeCounts[code.ordinal()]++;
    }

    /** Error and goodbye to a sink that never became a client. */
    private void refuse(ClientSink sink, ErrorCode code, String reason) {
        sink.error(code, reason);
        errorCounts[code.ordinal()]++;
        sink.goodbye(code, reason);
        goodbyeCounts[code.ordinal()]++;
    }

    // ------------------------------------------------------------------ upkeep

    private long serverTimeMs() {
        return env.wallOffsetMillis() + now / 1_000_000;
    }

    /** Grows the per-slot tables after the store grew. */
    private void fitSlots() {
        int cap = store.capacity();
        if (avatars.length < cap) {
            avatars = Arrays.copyOf(avatars, cap);
            objects = Arrays.copyOf(objects, cap);
            grid.ensureCapacity(cap);
        }
    }

    private void publishObjects() {
        List<ObjectState> list = new ArrayList<>(objectCount);
        for (SharedObject o : byObjectId.values()) {
            int s = o.slot;
            list.add(new ObjectState(o.objectId, o.name, store.x(s), store.y(s), store.z(s), store.yaw(s)));
        }
        list.sort((a, b) -> Long.compare(a.objectId(), b.objectId()));
        objectSnapshot = List.copyOf(list);
        objectsVersion = objectsVersion + 1;
    }

    private SpaceMetrics buildMetrics() {
        int agentCount = agents.size();
        return new SpaceMetrics(tick, clientCount - agentCount, avatarCount - agentCount, agentCount,
                resumable.size(), objectCount, store.size(), inbox.size(), commandsApplied, inbox.refused(),
                commandsIgnored, movesApplied, movesRateLimited, movesClamped, movesStale, updatesSent,
                updatesDeferred, updatesCoalesced, enters, exits, chatsDelivered, saysDelivered, agentActNanos,
                agentFailures, byCode(errorCounts), byCode(goodbyeCounts), recorder.snapshot());
    }

    private static Map<ErrorCode, Long> byCode(long[] counts) {
        Map<ErrorCode, Long> m = new EnumMap<>(ErrorCode.class);
        ErrorCode[] codes = ErrorCode.values();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                m.put(codes[i], counts[i]);
            }
        }
        return m;
    }
}
