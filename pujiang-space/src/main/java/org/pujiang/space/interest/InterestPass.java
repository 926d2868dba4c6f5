package org.pujiang.space.interest;

import java.util.Arrays;
import org.pujiang.space.entity.EntityStore;

/**
 * Recomputes one client's {@link InterestView}: the K nearest entities within the interest radius,
 * with hysteresis, and the update period of each by distance.
 *
 * <p>Rule. An entity not in view is eligible within {@code radius}; one already in view stays
 * eligible until {@code radius × hysteresis}. Eligible entities are ranked by an effective squared
 * distance, the real one for newcomers and the real one divided by {@code hysteresis²} for entities
 * already in view, so that the same margin that stops flapping at the radius also stops flapping at
 * the K-th place. The K best are kept (ties broken by cell order, so the result is deterministic).
 *
 * <p>Search. The grid's packed copy ({@link SpatialGrid#pack}, which the owner must have built after
 * the tick's moves) is scanned in square rings of cells around the client's cell. After each ring
 * the distance to the nearest unscanned cell bounds what the rest of the grid can offer; the scan
 * stops when that bound passes the exit radius, or when K candidates are already better than
 * anything beyond it. Candidates are identified by their index in the packed copy (which is also
 * where membership stamps live), so the whole scan reads arrays in order. In a dense crowd that stops after a few cells instead of reading every entity
 * within the radius, so the cost per client is bounded by the crowd's density near it, not by the
 * crowd's size. Candidates are kept as {@code (effective distance bits << 32 | packed index)} longs
 * and pruned with {@link LongSelect} whenever the buffer fills, so the buffer stays at 2K.
 *
 * <p>One instance per space, reused for every client; owned by the tick thread; no allocation per
 * pass once its buffers have grown.
 */
public final class InterestPass {
    /** What the pass reports while it updates a view; called on the tick thread, in order. */
    public interface Events {
        /** The entity with this local id left the view; the id is freed right after this call. */
        void exited(int localId);

        /** The entity in {@code slot} entered the view under a new local id. */
        void entered(int localId, int slot);
    }

    private final EntityStore store;
    private final SpatialGrid grid;
    private final int k;
    private final float enter2;
    private final double exitRadius;
    private final float exit2;
    private final float invH2;
    private final float h2;
    private final float[] tierLimit2;
    private final int[] tierPeriod;

    private final long[] keys;
    private long[] fresh;
    private int[] ranges = new int[64];
    private int[] stamp = new int[0];
    private int[] stampIdx = new int[0];
    private int current;

    /**
     * @param tierWithin ascending distances in metres; an entity nearer than {@code tierWithin[i]}
     *     (and not nearer than the previous limit) is updated every {@code tierEvery[i]} ticks; entities
     *     beyond the last limit use the last period
     */
    public InterestPass(EntityStore store, SpatialGrid grid, double radius, double hysteresis, int k,
            double[] tierWithin, int[] tierEvery) {
        if (!(radius > 0) || !(hysteresis >= 1) || k < 1 || tierWithin.length == 0
                || tierWithin.length != tierEvery.length) {
            throw new IllegalArgumentException("need radius > 0, hysteresis >= 1, k >= 1 and matching tiers, got radius="
                    + radius + " hysteresis=" + hysteresis + " k=" + k + " tiers=" + tierWithin.length + "/"
                    + tierEvery.length);
        }
        this.store = store;
        this.grid = grid;
        this.k = k;
        this.enter2 = (float) (radius * radius);
        this.exitRadius = radius * hysteresis;
        this.exit2 = (float) (exitRadius * exitRadius);
        this.invH2 = (float) (1.0 / (hysteresis * hysteresis));
        this.h2 = (float) (hysteresis * hysteresis);
        this.tierLimit2 = new float[tierWithin.length];
        this.tierPeriod = tierEvery.clone();
        for (int i = 0; i < tierWithin.length; i++) {
            tierLimit2[i] = (float) Math.min(Float.MAX_VALUE, tierWithin[i] * tierWithin[i]);
            if (tierEvery[i] < 1) {
                throw new IllegalArgumentException("tier " + i + " period must be >= 1 tick, got " + tierEvery[i]);
            }
        }
        this.keys = new long[Math.max(32, 2 * k)];
        this.fresh = new long[Math.max(32, 2 * k)];
    }

    /** The update period, in ticks, of an entity at this squared distance. */
    public int periodFor(float distanceSquared) {
        float[] limits = tierLimit2;
        for (int i = 0; i < limits.length; i++) {
            if (distanceSquared < limits[i]) {
                return tierPeriod[i];
            }
        }
        return tierPeriod[tierPeriod.length - 1];
    }

    /** Recomputes {@code view} for the client whose avatar is in {@code self}, reporting exits, then enters. */
    public void update(InterestView view, int self, long tick, Events events) {
        EntityStore s = store;
        SpatialGrid g = grid;
        int packedCount = g.packedCount();
        if (stamp.length < packedCount) {
            stamp = Arrays.copyOf(stamp, Math.max(packedCount, stamp.length * 2));
            stampIdx = Arrays.copyOf(stampIdx, stamp.length);
        }
        if (++current == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            current = 1;
        }
        final int cur = current;
        final int[] st = stamp;
        final int[] sti = stampIdx;
        final int[] vslot = view.slot;
        final int[] vgen = view.gen;
        final int[] vmark = view.mark;
        // stamps live in packed order, so that the scan reads them sequentially with the positions
        for (int i = 0, n = view.size; i < n; i++) {
            vmark[i] = 0;
            int e = vslot[i];
            if (s.isCurrent(e, vgen[i])) {
                int pi = g.packedIndexOf(e);
                st[pi] = cur;
                sti[pi] = i;
            }
        }

        int n = scan(view, self, cur);

        // sort the kept set out from the newcomers
        int nf = 0;
        long[] fr = fresh;
        final int[] vpacked = view.packed;
        for (int j = 0; j < n; j++) {
            int pi = (int) keys[j];
            if (st[pi] == cur) {
                int i = sti[pi];
                vmark[i] = cur;
                vpacked[i] = pi;
                // the key holds the effective distance: undo the members' discount for the real one
                view.period[i] = periodFor(Float.intBitsToFloat((int) (keys[j] >>> 32)) * h2);
            } else {
                fr[nf++] = keys[j];
            }
        }

        int w = retainMarked(view, cur, tick, events);

        // enters, nearest first
        if (nf > 1) {
            Arrays.sort(fr, 0, nf);
        }
        view.ensureEntries(w + nf);
        final int[] ps = g.packedSlots();
        for (int f = 0; f < nf; f++) {
            int pi = (int) fr[f];
            int e = ps[pi];
            int gen = s.generation(e);
            int id = view.allocate(e, gen, tick);
            int i = view.size++;
            view.slot[i] = e;
            view.gen[i] = gen;
            view.packed[i] = pi;
            view.local[i] = id;
            view.pending[i] = 0;
            view.period[i] = periodFor(Float.intBitsToFloat((int) (fr[f] >>> 32)));
            view.mark[i] = 0;
            events.entered(id, e);
        }
    }

    /**
     * Keeps {@code view}'s set as it is, between two {@link #update}s: reports the exit of each entity
     * that has left the space and re-reads where the others sit in the grid's packed copy (which the
     * owner must have built after the tick's moves), so that {@link InterestView#collectDue} reads
     * this tick's change masks. O(size of the view), no grid scan.
     */
    public void keep(InterestView view, long tick, Events events) {
        if (++current == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            current = 1;
        }
        final int cur = current;
        final EntityStore s = store;
        final SpatialGrid g = grid;
        final int[] vslot = view.slot;
        final int[] vgen = view.gen;
        final int[] vmark = view.mark;
        final int[] vpacked = view.packed;
        for (int i = 0, size = view.size; i < size; i++) {
            int e = vslot[i];
            if (s.isCurrent(e, vgen[i])) {
                vmark[i] = cur;
                vpacked[i] = g.packedIndexOf(e);
            } else {
                vmark[i] = 0;
            }
        }
        retainMarked(view, cur, tick, events);
    }

    /**
     * Keeps the entries marked {@code cur}, compacted in place and in order, and reports the exit of
     * (and frees) every other one. Returns the new size, which is also the kept count.
     */
    private static int retainMarked(InterestView view, int cur, long tick, Events events) {
        final int[] vslot = view.slot;
        final int[] vgen = view.gen;
        final int[] vmark = view.mark;
        final int[] vlocal = view.local;
        final int[] vpending = view.pending;
        final int[] vperiod = view.period;
        final int[] vpacked = view.packed;
        int w = 0;
        for (int i = 0, size = view.size; i < size; i++) {
            if (vmark[i] == cur) {
                if (w != i) {
                    vslot[w] = vslot[i];
                    vgen[w] = vgen[i];
                    vlocal[w] = vlocal[i];
                    vpending[w] = vpending[i];
                    vperiod[w] = vperiod[i];
                    vpacked[w] = vpacked[i];
                }
                w++;
            } else {
                int id = vlocal[i];
                events.exited(id);
                view.release(id, tick);
            }
        }
        view.size = w;
        view.keptCount = w;
        return w;
    }

    /**
     * Fills {@code keys[0, n)} with the (at most K) best candidates and returns n. Reads the grid's
     * packed copy: each ring is its two rows (one contiguous run each) and its two side columns.
     */
    private int scan(InterestView view, int self, int cur) {
        final EntityStore s = store;
        final SpatialGrid g = grid;
        final int[] st = stamp;
        final long[] buf = keys;
        final int[] ps = g.packedSlots();
        final float[] qx = g.packedX();
        final float[] qy = g.packedY();
        final float[] qz = g.packedZ();
        final float px = s.x(self);
        final float py = s.y(self);
        final float pz = s.z(self);
        final int cols = g.cols();
        final int rows = g.rows();
        final int ccx = g.cellX(px);
        final int ccz = g.cellZ(pz);
        final double cs = g.cellSize();
        final double gx = g.minX();
        final double gz = g.minZ();
        final float e2 = enter2;
        final float x2 = exit2;
        final float ih = invH2;
        final double xr = exitRadius;

        int n = 0;
        long threshold = Long.MAX_VALUE;
        for (int ring = 0;; ring++) {
            int x0 = ccx - ring;
            int x1 = ccx + ring;
            int z0 = ccz - ring;
            int z1 = ccz + ring;
            int[] r = ranges(8 * ring + 4);
            int nr = 0;
            // each row and column of the ring is clipped to the chord of the exit circle: cells that
            // lie wholly outside it cannot hold a candidate
            if (z0 >= 0) {
                double gap = pz - (gz + (z0 + 1) * cs);
                if (gap <= xr) {
                    double half = Math.sqrt(xr * xr - (gap > 0 ? gap * gap : 0));
                    int ax = Math.max(x0, g.cellX(px - half));
                    int bx = Math.min(x1, g.cellX(px + half));
                    if (ax <= bx) {
                        r[nr++] = g.packedStart(ax, z0);
                        r[nr++] = g.packedEnd(bx, z0);
                    }
                }
            }
            if (ring > 0) {
                if (z1 < rows) {
                    double gap = gz + z1 * cs - pz;
                    if (gap <= xr) {
                        double half = Math.sqrt(xr * xr - (gap > 0 ? gap * gap : 0));
                        int ax = Math.max(x0, g.cellX(px - half));
                        int bx = Math.min(x1, g.cellX(px + half));
                        if (ax <= bx) {
                            r[nr++] = g.packedStart(ax, z1);
                            r[nr++] = g.packedEnd(bx, z1);
                        }
                    }
                }
                if (x0 >= 0) {
                    double gap = px - (gx + (x0 + 1) * cs);
                    if (gap <= xr) {
                        double half = Math.sqrt(xr * xr - (gap > 0 ? gap * gap : 0));
                        int az = Math.max(z0 + 1, g.cellZ(pz - half));
                        int bz = Math.min(z1 - 1, g.cellZ(pz + half));
                        for (int cz = az; cz <= bz; cz++) {
                            r[nr++] = g.packedStart(x0, cz);
                            r[nr++] = g.packedEnd(x0, cz);
                        }
                    }
                }
                if (x1 < cols) {
                    double gap = gx + x1 * cs - px;
                    if (gap <= xr) {
                        double half = Math.sqrt(xr * xr - (gap > 0 ? gap * gap : 0));
                        int az = Math.max(z0 + 1, g.cellZ(pz - half));
                        int bz = Math.min(z1 - 1, g.cellZ(pz + half));
                        for (int cz = az; cz <= bz; cz++) {
                            r[nr++] = g.packedStart(x1, cz);
                            r[nr++] = g.packedEnd(x1, cz);
                        }
                    }
                }
            }
            for (int k2 = 0; k2 < nr; k2 += 2) {
                for (int i = r[k2], end = r[k2 + 1]; i < end; i++) {
                    float dx = qx[i] - px;
                    float dy = qy[i] - py;
                    float dz = qz[i] - pz;
                    float d2 = dx * dx + dy * dy + dz * dz;
                    if (d2 > x2) {
                        continue;
                    }
                    if (ps[i] == self) {
                        continue;
                    }
                    float eff = st[i] == cur ? d2 * ih : d2;
                    if (eff > e2) {
                        continue;
                    }
                    long key = ((long) Float.floatToRawIntBits(eff) << 32) | i;
                    if (key > threshold) {
                        continue;
                    }
                    buf[n++] = key;
                    if (n == buf.length) {
                        threshold = LongSelect.smallest(buf, n, k);
                        n = k;
                    }
                }
            }
            // how near the unscanned part of the grid comes to the client
            double bound = Double.POSITIVE_INFINITY;
            if (x0 > 0) {
                bound = Math.min(bound, px - (gx + x0 * cs));
            }
            if (x1 < cols - 1) {
                bound = Math.min(bound, gx + (x1 + 1) * cs - px);
            }
            if (z0 > 0) {
                bound = Math.min(bound, pz - (gz + z0 * cs));
            }
            if (z1 < rows - 1) {
                bound = Math.min(bound, gz + (z1 + 1) * cs - pz);
            }
            if (bound > exitRadius) {
                break;
            }
            if (n >= k) {
                threshold = LongSelect.smallest(buf, n, k);
                n = k;
                float kth = Float.intBitsToFloat((int) (threshold >>> 32));
                if (kth < bound * bound * ih) {
                    break;
                }
            }
        }
        if (n > k) {
            LongSelect.smallest(buf, n, k);
            n = k;
        }
        return n;
    }

    private int[] ranges(int n) {
        if (ranges.length < n) {
            ranges = new int[Math.max(n, ranges.length * 2)];
        }
        return ranges;
    }
}
