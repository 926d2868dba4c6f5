package org.pujiang.space.interest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pujiang.space.Bounds;

class SpatialGridTest {
    private static List<Integer> cell(SpatialGrid g, int cx, int cz) {
        List<Integer> out = new ArrayList<>();
        for (int s = g.head(cx, cz); s >= 0; s = g.next(s)) {
            out.add(s);
        }
        return out;
    }

    @Test
    void entitiesMoveBetweenCellsIncrementally() {
        SpatialGrid g = new SpatialGrid(Bounds.centred(100, 10, 100), 10, 4);
        assertThat(g.cols()).isEqualTo(10);
        g.insert(0, -45, -45);
        g.insert(1, -41, -49);
        g.insert(2, 45, 45);
        assertThat(cell(g, 0, 0)).containsExactlyInAnyOrder(0, 1);
        g.move(1, 45, 41);
        assertThat(cell(g, 0, 0)).containsExactly(0);
        assertThat(cell(g, 9, 9)).containsExactlyInAnyOrder(1, 2);
        g.remove(2);
        assertThat(cell(g, 9, 9)).containsExactly(1);
        assertThat(g.contains(2)).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> g.remove(2));
        // outside the bounds: the border cell
        g.insert(2, 500, -500);
        assertThat(cell(g, 9, 0)).containsExactly(2);
        g.ensureCapacity(100);
        g.insert(99, 0, 0);
        assertThat(cell(g, 5, 5)).containsExactly(99);
    }

    @Test
    void forEachNearCoversTheSquare() {
        SpatialGrid g = new SpatialGrid(Bounds.centred(100, 10, 100), 10, 8);
        g.insert(0, 0, 0);
        g.insert(1, 15, 0);
        g.insert(2, 35, 0);
        List<Integer> seen = new ArrayList<>();
        g.forEachNear(0, 0, 16, seen::add);
        assertThat(seen).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void hugeBoundsGetLargerCellsInsteadOfAHugeArray() {
        SpatialGrid g = new SpatialGrid(Bounds.centred(100_000, 100, 100_000), 8, 1);
        assertThat((long) g.cols() * g.rows()).isLessThanOrEqualTo(SpatialGrid.MAX_CELLS);
        assertThat(g.cellSize()).isGreaterThan(8);
    }
}
