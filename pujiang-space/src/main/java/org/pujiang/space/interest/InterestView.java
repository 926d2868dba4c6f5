package org.pujiang.space.interest;

import java.util.Arrays;
import org.pujiang.space.entity.EntityStore;

/**
 * One client's view of its space: the entities it currently sees (at most K), the update mask each
 * has accumulated since it was last sent to this client, and the client's own numbering of entities.
 *
 * <p>Local ids are small ints from 1, assigned on enter and freed on exit. A freed id is not handed
 * out again for {@code reuseDelayTicks} ticks, so a packet that names it late (the client had not yet
 * seen the exit) finds nothing rather than another entity. The client's own avatar gets the first id.
 *
 * <p>Entries {@code [0, keptCount())} were in view before the latest interest pass; entries from
 * {@code keptCount()} to {@code size()} entered in it (their enter event carried the full state).
 *
 * <p>Owned by the space's tick thread; not thread-safe.
 */
public final class InterestView {
    private final int reuseDelayTicks;

    int size;
    int keptCount;
    int[] slot;
    int[] gen;
    int[] local;
    int[] pending;
    int[] period;
    int[] mark;
    /** Each entry's index in the grid's packed copy, as of the latest pass. */
    int[] packed;

    private int[] localSlot = new int[16];
    private int[] localGen = new int[16];
    private int nextLocal = 1;
    private int[] freedIds = new int[16];
    private long[] freedAt = new long[16];
    private int freedHead;
    private int freedCount;
    private final IntIntMap bySlot;

    public InterestView(int k, int reuseDelayTicks) {
        if (reuseDelayTicks < 0) {
            throw new IllegalArgumentException("reuse delay must be >= 0 ticks, got " + reuseDelayTicks);
        }
        this.reuseDelayTicks = reuseDelayTicks;
        int cap = Math.max(4, k + 1);
        slot = new int[cap];
        gen = new int[cap];
        local = new int[cap];
        pending = new int[cap];
        period = new int[cap];
        mark = new int[cap];
        packed = new int[cap];
        bySlot = new IntIntMap(cap);
    }

    /** Assigns the next local id to (slot, gen): a delayed-free id when one is due, else a fresh one. */
    public int allocate(int entitySlot, int entityGen, long tick) {
        int id;
        if (freedCount > 0 && freedAt[freedHead] + reuseDelayTicks <= tick) {
            id = freedIds[freedHead];
            freedHead = (freedHead + 1) % freedIds.length;
            freedCount--;
        } else {
            id = nextLocal++;
            if (id >= localSlot.length) {
                localSlot = Arrays.copyOf(localSlot, localSlot.length * 2);
                localGen = Arrays.copyOf(localGen, localGen.length * 2);
            }
        }
        localSlot[id] = entitySlot;
        localGen[id] = entityGen;
        bySlot.put(entitySlot, id);
        return id;
    }

    /** Frees a local id; it becomes reusable {@code reuseDelayTicks} ticks after {@code tick}. */
    public void release(int id, long tick) {
        int s = localSlot[id];
        if (s < 0) {
            throw new IllegalStateException("local id " + id + " is not assigned");
        }
        bySlot.remove(s, id);
        localSlot[id] = -1;
        if (freedCount == freedIds.length) {
            int n = freedIds.length;
            int[] ids = new int[n * 2];
            long[] at = new long[n * 2];
            for (int i = 0; i < n; i++) {
                ids[i] = freedIds[(freedHead + i) % n];
                at[i] = freedAt[(freedHead + i) % n];
            }
            freedIds = ids;
            freedAt = at;
            freedHead = 0;
        }
        int tail = (freedHead + freedCount) % freedIds.length;
        freedIds[tail] = id;
        freedAt[tail] = tick;
        freedCount++;
    }

    /** The slot the client means by {@code id}, or -1 when the id is unassigned or its entity is gone. */
    public int resolve(int id, EntityStore store) {
        if (id < 1 || id >= nextLocal) {
            return -1;
        }
        int s = localSlot[id];
        return s >= 0 && store.isCurrent(s, localGen[id]) ? s : -1;
    }

    /** This client's local id for the live entity in {@code entitySlot}, or 0 when it has none. */
    public int localOf(int entitySlot, EntityStore store) {
        int id = bySlot.get(entitySlot, 0);
        return id != 0 && store.alive(entitySlot) && localGen[id] == store.generation(entitySlot) ? id : 0;
    }

    private int lastDeferred;
    private int lastCoalesced;

    /**
     * Folds this tick's change masks (from the grid's packed copy, so call it right after the pass)
     * into the pending mask of each entity that was in view before the latest pass, and writes to {@code out} the indices of the entries due now: those with something
     * pending whose tier period divides {@code tick + localId} (the local id staggers the far tiers
     * over the ticks). With {@code nearestOnly}, only entries updated every tick are due; the others
     * keep their masks for later. Call {@link #sent} for each entry actually sent.
     *
     * @return how many indices were written
     */
    public int collectDue(SpatialGrid grid, long tick, boolean nearestOnly, int[] out) {
        final int[] changed = grid.packedChanged();
        final int[] pk = packed;
        int n = 0;
        int deferred = 0;
        int coalesced = 0;
        final int[] pe = pending;
        final int[] pd = period;
        final int[] lo = local;
        for (int i = 0, kept = keptCount; i < kept; i++) {
            int m = pe[i] | changed[pk[i]];
            if (m == 0) {
                continue;
            }
            pe[i] = m;
            int p = pd[i];
            if (p == 1) {
                out[n++] = i;
            } else if ((tick + lo[i]) % p != 0) {
                deferred++;
            } else if (nearestOnly) {
                coalesced++;
            } else {
                out[n++] = i;
            }
        }
        lastDeferred = deferred;
        lastCoalesced = coalesced;
        return n;
    }

    /** Clears the pending mask of entry {@code i} after its update went out. */
    public void sent(int i) {
        pending[i] = 0;
    }

    /** Updates the last {@link #collectDue} held back for their tier. */
    public int lastDeferred() {
        return lastDeferred;
    }

    /** Updates the last {@link #collectDue} held back because of backlog. */
    public int lastCoalesced() {
        return lastCoalesced;
    }

    /** Entities in view, the client's own avatar excluded. */
    public int size() {
        return size;
    }

    /** Entries that were in view before the latest pass; the rest entered in it. */
    public int keptCount() {
        return keptCount;
    }

    public int slotAt(int i) {
        return slot[i];
    }

    public int localAt(int i) {
        return local[i];
    }

    public int pendingAt(int i) {
        return pending[i];
    }

    public int periodAt(int i) {
        return period[i];
    }

    /** Local ids ever handed out: ids are in {@code [1, idsIssued()]}. */
    public int idsIssued() {
        return nextLocal - 1;
    }

    void ensureEntries(int n) {
        if (n > slot.length) {
            int cap = Math.max(n, slot.length * 2);
            slot = Arrays.copyOf(slot, cap);
            gen = Arrays.copyOf(gen, cap);
            local = Arrays.copyOf(local, cap);
            pending = Arrays.copyOf(pending, cap);
            period = Arrays.copyOf(period, cap);
            mark = Arrays.copyOf(mark, cap);
            packed = Arrays.copyOf(packed, cap);
        }
    }
}
