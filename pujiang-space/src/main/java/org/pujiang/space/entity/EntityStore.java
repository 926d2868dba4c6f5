package org.pujiang.space.entity;

import java.util.Arrays;
import java.util.Objects;
import org.pujiang.protocol.message.EntityKind;

/**
 * Every entity of one space, stored as parallel arrays indexed by a dense int slot (structure of
 * arrays: the interest scan reads positions of thousands of entities per tick, and touches only the
 * arrays it needs).
 *
 * <p>A slot is reused after its entity is removed, so a reference to an entity that outlives a tick
 * is a (slot, generation) pair: {@link #remove} bumps the generation at once, and the slot becomes free
 * only at the next {@link #recycle}, which the owner calls at the start of a tick, after every client
 * has seen the removal.
 *
 * <p>Each entity carries the mask of fields changed in the current tick ({@link ChangeMask}) and the
 * tick of its last change; {@link #clearChanges} resets the masks once every client has read them.
 *
 * <p>Owned by one space's tick thread; not thread-safe.
 */
public final class EntityStore {
    private int capacity;
    private int high;
    private int live;
    private int nextEntityId = 1;

    private byte[] kind;
    private boolean[] alive;
    private int[] generation;
    private int[] entityId;
    private float[] x;
    private float[] y;
    private float[] z;
    private float[] yaw;
    private float[] pitch;
    private float[] vx;
    private float[] vy;
    private float[] vz;
    private int[] anim;
    private int[] inputSeq;
    private int[] changed;
    private long[] version;
    private String[] name;
    private String[] userId;

    private int[] free = new int[16];
    private int freeCount;
    private int[] pendingFree = new int[16];
    private int pendingFreeCount;
    private int[] changedList = new int[64];
    private int changedCount;

    private final Cursor cursor = new Cursor();

    public EntityStore(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initial capacity must be at least 1, got " + initialCapacity);
        }
        allocate(initialCapacity);
    }

    private void allocate(int n) {
        kind = Arrays.copyOf(kind == null ? new byte[0] : kind, n);
        alive = Arrays.copyOf(alive == null ? new boolean[0] : alive, n);
        generation = grow(generation, n);
        entityId = grow(entityId, n);
        x = grow(x, n);
        y = grow(y, n);
        z = grow(z, n);
        yaw = grow(yaw, n);
        pitch = grow(pitch, n);
        vx = grow(vx, n);
        vy = grow(vy, n);
        vz = grow(vz, n);
        anim = grow(anim, n);
        inputSeq = grow(inputSeq, n);
        changed = grow(changed, n);
        version = version == null ? new long[n] : Arrays.copyOf(version, n);
        name = name == null ? new String[n] : Arrays.copyOf(name, n);
        userId = userId == null ? new String[n] : Arrays.copyOf(userId, n);
        capacity = n;
    }

    private static int[] grow(int[] a, int n) {
        return a == null ? new int[n] : Arrays.copyOf(a, n);
    }

    private static float[] grow(float[] a, int n) {
        return a == null ? new float[n] : Arrays.copyOf(a, n);
    }

    /**
     * Adds an entity and returns its slot. Its change mask is {@link ChangeMask#ALL} for this tick.
     * The arrays grow when full, so {@link #capacity()} may change: callers that size arrays by slot
     * must check it.
     */
    public int add(EntityKind kind, String name, String userId, float x, float y, float z, float yaw, long tick) {
        Objects.requireNonNull(kind, "kind");
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (high == capacity) {
                allocate(Math.max(16, capacity * 2));
            }
            slot = high++;
        }
        this.kind[slot] = (byte) kind.ordinal();
        this.alive[slot] = true;
        this.entityId[slot] = nextEntityId++;
        this.x[slot] = x;
        this.y[slot] = y;
        this.z[slot] = z;
        this.yaw[slot] = yaw;
        this.pitch[slot] = 0;
        this.vx[slot] = 0;
        this.vy[slot] = 0;
        this.vz[slot] = 0;
        this.anim[slot] = 0;
        this.inputSeq[slot] = -1;
        this.name[slot] = name;
        this.userId[slot] = userId;
        this.changed[slot] = 0;
        live++;
        markChanged(slot, ChangeMask.ALL, tick);
        return slot;
    }

    /** Removes a live entity: its generation changes now, its slot is reused after the next {@link #recycle}. */
    public void remove(int slot) {
        checkAlive(slot);
        alive[slot] = false;
        generation[slot]++;
        name[slot] = null;
        userId[slot] = null;
        live--;
        if (pendingFreeCount == pendingFree.length) {
            pendingFree = Arrays.copyOf(pendingFree, pendingFreeCount * 2);
        }
        pendingFree[pendingFreeCount++] = slot;
    }

    /** Makes the slots removed before this call available to {@link #add}. */
    public void recycle() {
        if (freeCount + pendingFreeCount > free.length) {
            free = Arrays.copyOf(free, Math.max(free.length * 2, freeCount + pendingFreeCount));
        }
        System.arraycopy(pendingFree, 0, free, freeCount, pendingFreeCount);
        freeCount += pendingFreeCount;
        pendingFreeCount = 0;
    }

    /** Ors {@code mask} into the entity's changes of this tick and stamps its version. */
    public void markChanged(int slot, int mask, long tick) {
        if (mask == 0) {
            return;
        }
        if (changed[slot] == 0) {
            if (changedCount == changedList.length) {
                changedList = Arrays.copyOf(changedList, changedCount * 2);
            }
            changedList[changedCount++] = slot;
        }
        changed[slot] |= mask;
        version[slot] = tick;
    }

    /** Resets the change masks of every entity that changed this tick. */
    public void clearChanges() {
        int[] list = changedList;
        int[] c = changed;
        for (int i = 0; i < changedCount; i++) {
            c[list[i]] = 0;
        }
        changedCount = 0;
    }

    /** Sets position, orientation, velocity and animation, marking only the fields that differ. */
    public int set(int slot, float nx, float ny, float nz, float nyaw, float npitch, float nvx, float nvy, float nvz,
            int nanim, long tick) {
        int mask = 0;
        if (nx != x[slot] || ny != y[slot] || nz != z[slot]) {
            x[slot] = nx;
            y[slot] = ny;
            z[slot] = nz;
            mask |= ChangeMask.POS;
        }
        if (nyaw != yaw[slot] || npitch != pitch[slot]) {
            yaw[slot] = nyaw;
            pitch[slot] = npitch;
            mask |= ChangeMask.ROT;
        }
        if (nvx != vx[slot] || nvy != vy[slot] || nvz != vz[slot]) {
            vx[slot] = nvx;
            vy[slot] = nvy;
            vz[slot] = nvz;
            mask |= ChangeMask.VEL;
        }
        if (nanim != anim[slot]) {
            anim[slot] = nanim;
            mask |= ChangeMask.ANIM;
        }
        markChanged(slot, mask, tick);
        return mask;
    }

    /** Sets the position only, marking POS if it differs. */
    public int setPosition(int slot, float nx, float ny, float nz, long tick) {
        return set(slot, nx, ny, nz, yaw[slot], pitch[slot], vx[slot], vy[slot], vz[slot], anim[slot], tick);
    }

    public void setInputSeq(int slot, int seq) {
        inputSeq[slot] = seq;
    }

    /** The reused cursor positioned on {@code slot}: valid until the next call of this method. */
    public EntityView view(int slot) {
        cursor.slot = slot;
        return cursor;
    }

    private void checkAlive(int slot) {
        if (slot < 0 || slot >= high || !alive[slot]) {
            throw new IllegalStateException("no live entity in slot " + slot + " (slots in use: " + high + ")");
        }
    }

    /** Slots are in {@code [0, highWater())}. */
    public int highWater() {
        return high;
    }

    public int capacity() {
        return capacity;
    }

    /** Live entities. */
    public int size() {
        return live;
    }

    public boolean alive(int slot) {
        return slot >= 0 && slot < high && alive[slot];
    }

    public int generation(int slot) {
        return generation[slot];
    }

    /** Whether (slot, generation) still names the live entity it named when taken. */
    public boolean isCurrent(int slot, int gen) {
        // remove() bumps the generation, so a matching generation implies a live entity
        return slot >= 0 && slot < high && generation[slot] == gen;
    }

    public EntityKind kind(int slot) {
        return KINDS[kind[slot]];
    }

    private static final EntityKind[] KINDS = EntityKind.values();

    public int entityId(int slot) {
        return entityId[slot];
    }

    public float x(int slot) {
        return x[slot];
    }

    public float y(int slot) {
        return y[slot];
    }

    public float z(int slot) {
        return z[slot];
    }

    public float yaw(int slot) {
        return yaw[slot];
    }

    public float pitch(int slot) {
        return pitch[slot];
    }

    public float vx(int slot) {
        return vx[slot];
    }

    public float vy(int slot) {
        return vy[slot];
    }

    public float vz(int slot) {
        return vz[slot];
    }

    public int anim(int slot) {
        return anim[slot];
    }

    public int inputSeq(int slot) {
        return inputSeq[slot];
    }

    public int changed(int slot) {
        return changed[slot];
    }

    public long version(int slot) {
        return version[slot];
    }

    public String name(int slot) {
        return name[slot];
    }

    public String userId(int slot) {
        return userId[slot];
    }

    /** Squared 3D distance between two entities. */
    public float distanceSquared(int a, int b) {
        float dx = x[a] - x[b];
        float dy = y[a] - y[b];
        float dz = z[a] - z[b];
        return dx * dx + dy * dy + dz * dz;
    }

    private final class Cursor implements EntityView {
        int slot;

        @Override
        public int entityId() {
            return entityId[slot];
        }

        @Override
        public EntityKind kind() {
            return KINDS[kind[slot]];
        }

        @Override
        public float x() {
            return x[slot];
        }

        @Override
        public float y() {
            return y[slot];
        }

        @Override
        public float z() {
            return z[slot];
        }

        @Override
        public float yaw() {
            return yaw[slot];
        }

        @Override
        public float pitch() {
            return pitch[slot];
        }

        @Override
        public float vx() {
            return vx[slot];
        }

        @Override
        public float vy() {
            return vy[slot];
        }

        @Override
        public float vz() {
            return vz[slot];
        }

        @Override
        public int anim() {
            return anim[slot];
        }

        @Override
        public long version() {
            return version[slot];
        }

        @Override
        public int inputSeq() {
            return inputSeq[slot];
        }

        @Override
        public String toString() {
            return "EntityView[slot=" + slot + ", id=" + entityId[slot] + ", pos=" + x[slot] + "," + y[slot] + ","
                    + z[slot] + "]";
        }
    }
}
