package org.pujiang.space.interest;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.pujiang.space.Bounds;
import org.pujiang.space.entity.EntityStore;

/**
 * A uniform grid over the x/z plane of a space's bounds. Each cell holds an intrusive doubly linked
 * list of entity slots, so moving an entity between cells is O(1) and a move within its cell costs
 * one comparison. Positions outside the bounds land in the nearest border cell (the engine clamps
 * positions into the bounds anyway).
 *
 * <p>Besides the lists, {@link #pack} builds a cell-ordered copy of every entity's slot and position
 * once per tick, which the interest scan reads row by row.
 *
 * <p>The cell array is dense: {@code cols × rows} ints. When the bounds are so large that the
 * requested cell size would need more than {@link #MAX_CELLS} cells, the cell size is raised; read
 * the effective size from {@link #cellSize()}.
 *
 * <p>Owned by one space's tick thread; not thread-safe.
 */
public final class SpatialGrid {
    /** The most cells one grid allocates: 4 Mi cells are 16 MiB of heads. */
    public static final int MAX_CELLS = 1 << 22;

    private static final int NONE = -1;

    private final double minX;
    private final double minZ;
    private final double cellSize;
    private final double inverse;
    private final int cols;
    private final int rows;
    private final int[] head;
    private int[] next;
    private int[] prev;
    private int[] cellOf;

    // the packed copy: every entity's slot and position in cell order, rebuilt by pack()
    private final int[] packedStart;
    private int[] packedSlot = new int[0];
    private float[] packedX = new float[0];
    private float[] packedY = new float[0];
    private float[] packedZ = new float[0];
    private int[] packedChanged = new int[0];
    private int[] packedIndexOf = new int[0];
    private int packedCount;

    public SpatialGrid(Bounds bounds, double requestedCellSize, int slotCapacity) {
        this(bounds, requestedCellSize, slotCapacity, MAX_CELLS);
    }

    /**
     * @param maxCells the most cells to allocate, at most {@link #MAX_CELLS}; the cell size grows until
     *     the bounds fit. {@link #pack} walks every cell once a tick, so an owner keeps this in
     *     proportion to its entity count.
     */
    public SpatialGrid(Bounds bounds, double requestedCellSize, int slotCapacity, int maxCells) {
        if (!(requestedCellSize > 0) || Double.isInfinite(requestedCellSize)) {
            throw new IllegalArgumentException("cell size must be a positive number of metres, got " + requestedCellSize);
        }
        if (maxCells < 1 || maxCells > MAX_CELLS) {
            throw new IllegalArgumentException("maxCells must be 1.." + MAX_CELLS + ", got " + maxCells);
        }
        double size = requestedCellSize;
        while ((double) cells(bounds.width(), size) * cells(bounds.depth(), size) > maxCells) {
            size *= 1.25;
        }
        this.minX = bounds.minX();
        this.minZ = bounds.minZ();
        this.cellSize = size;
        this.inverse = 1.0 / size;
        this.cols = cells(bounds.width(), size);
        this.rows = cells(bounds.depth(), size);
        this.head = new int[cols * rows];
        Arrays.fill(head, NONE);
        this.packedStart = new int[cols * rows + 1];
        this.next = new int[0];
        this.prev = new int[0];
        this.cellOf = new int[0];
        ensureCapacity(slotCapacity);
    }

    private static int cells(double extent, double size) {
        return Math.max(1, (int) Math.ceil(extent / size));
    }

    /** Makes room for slots in {@code [0, capacity)}. */
    public void ensureCapacity(int capacity) {
        int old = cellOf.length;
        if (capacity <= old) {
            return;
        }
        next = Arrays.copyOf(next, capacity);
        prev = Arrays.copyOf(prev, capacity);
        cellOf = Arrays.copyOf(cellOf, capacity);
        Arrays.fill(cellOf, old, capacity, NONE);
    }

    public int cellX(double x) {
        int c = (int) ((x - minX) * inverse);
        return c < 0 ? 0 : (c >= cols ? cols - 1 : c);
    }

    public int cellZ(double z) {
        int c = (int) ((z - minZ) * inverse);
        return c < 0 ? 0 : (c >= rows ? rows - 1 : c);
    }

    public void insert(int slot, double x, double z) {
        if (cellOf[slot] != NONE) {
            throw new IllegalStateException("slot " + slot + " is already in cell " + cellOf[slot]);
        }
        link(slot, cellZ(z) * cols + cellX(x));
    }

    /** Moves a slot to the cell of (x, z); O(1), and nothing at all when the cell is the same. */
    public void move(int slot, double x, double z) {
        int cell = cellZ(z) * cols + cellX(x);
        int old = cellOf[slot];
        if (cell == old) {
            return;
        }
        if (old == NONE) {
            throw new IllegalStateException("slot " + slot + " is not in the grid");
        }
        unlink(slot, old);
        link(slot, cell);
    }

    public void remove(int slot) {
        int old = cellOf[slot];
        if (old == NONE) {
            throw new IllegalStateException("slot " + slot + " is not in the grid");
        }
        unlink(slot, old);
        cellOf[slot] = NONE;
    }

    public boolean contains(int slot) {
        return slot < cellOf.length && cellOf[slot] != NONE;
    }

    private void link(int slot, int cell) {
        int h = head[cell];
        next[slot] = h;
        prev[slot] = NONE;
        if (h != NONE) {
            prev[h] = slot;
        }
        head[cell] = slot;
        cellOf[slot] = cell;
    }

    private void unlink(int slot, int cell) {
        int n = next[slot];
        int p = prev[slot];
        if (p == NONE) {
            head[cell] = n;
        } else {
            next[p] = n;
        }
        if (n != NONE) {
            prev[n] = p;
        }
    }

    /** The first slot in cell (cx, cz), or -1; follow with {@link #next(int)}. */
    public int head(int cx, int cz) {
        return head[cz * cols + cx];
    }

    /** The slot after {@code slot} in its cell, or -1. */
    public int next(int slot) {
        return next[slot];
    }

    /**
     * Rebuilds the packed copy: the slots and positions of every entity in the grid, sorted by cell
     * (row by row), so that one row of cells is one contiguous run of memory. The interest scan reads
     * thousands of these per tick; reading them from arrays in cell order instead of following the
     * per-cell lists through randomly placed slots is what makes it cheap. The copy also holds each
     * entity's change mask of this tick and, per slot, its index in the copy. O(entities + cells).
     * Valid until the next move, insert or remove; the owner packs once per tick, after the tick's
     * moves.
     */
    public void pack(EntityStore store) {
        int n = 0;
        final int[] h = head;
        final int[] nx = next;
        final int[] start = packedStart;
        for (int c = 0; c < h.length; c++) {
            start[c] = n;
            for (int s = h[c]; s != NONE; s = nx[s]) {
                n++;
            }
        }
        start[h.length] = n;
        if (packedSlot.length < n) {
            int cap = Math.max(n, packedSlot.length * 2);
            packedSlot = new int[cap];
            packedX = new float[cap];
            packedY = new float[cap];
            packedZ = new float[cap];
            packedChanged = new int[cap];
        }
        if (packedIndexOf.length < cellOf.length) {
            packedIndexOf = new int[cellOf.length];
        }
        final int[] pc = packedChanged;
        final int[] pio = packedIndexOf;
        final int[] ps = packedSlot;
        final float[] px = packedX;
        final float[] py = packedY;
        final float[] pz = packedZ;
        int i = 0;
        for (int c = 0; c < h.length; c++) {
            for (int s = h[c]; s != NONE; s = nx[s]) {
                ps[i] = s;
                px[i] = store.x(s);
                py[i] = store.y(s);
                pz[i] = store.z(s);
                pc[i] = store.changed(s);
                pio[s] = i;
                i++;
            }
        }
        packedCount = n;
    }

    /** Entities in the packed copy. */
    public int packedCount() {
        return packedCount;
    }

    /** Index into the packed arrays of the first entity of cell (cx, cz); the cell ends where the next begins. */
    public int packedStart(int cx, int cz) {
        return packedStart[cz * cols + cx];
    }

    /** The packed run of cells {@code cx0..cx1} in row {@code cz} ends here (exclusive). */
    public int packedEnd(int cx1, int cz) {
        return packedStart[cz * cols + cx1 + 1];
    }

    /** Where the entity in {@code slot} sits in the packed arrays; valid only for entities in the grid at the last pack. */
    public int packedIndexOf(int slot) {
        return packedIndexOf[slot];
    }

    /** The change masks of this tick, in packed order. */
    public int[] packedChanged() {
        return packedChanged;
    }

    public int[] packedSlots() {
        return packedSlot;
    }

    public float[] packedX() {
        return packedX;
    }

    public float[] packedY() {
        return packedY;
    }

    public float[] packedZ() {
        return packedZ;
    }

    /**
     * Calls {@code action} with every slot in the cells that overlap the square of half-side
     * {@code radius} around (x, z): a superset of the slots within {@code radius}; callers check the
     * distance. For audiences of chat and events, not the per-tick interest scan.
     */
    public void forEachNear(double x, double z, double radius, IntConsumer action) {
        int x0 = cellX(x - radius);
        int x1 = cellX(x + radius);
        int z0 = cellZ(z - radius);
        int z1 = cellZ(z + radius);
        for (int cz = z0; cz <= z1; cz++) {
            int row = cz * cols;
            for (int cx = x0; cx <= x1; cx++) {
                for (int s = head[row + cx]; s != NONE; s = next[s]) {
                    action.accept(s);
                }
            }
        }
    }

    public double cellSize() {
        return cellSize;
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public double minX() {
        return minX;
    }

    public double minZ() {
        return minZ;
    }
}
