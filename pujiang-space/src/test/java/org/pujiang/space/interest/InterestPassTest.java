package org.pujiang.space.interest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pujiang.protocol.message.EntityKind;
import org.pujiang.space.Bounds;
import org.pujiang.space.entity.EntityStore;

/** The ring search with early exit must pick exactly what a brute-force scan of every entity picks. */
class InterestPassTest {
    private static final double RADIUS = 30;
    private static final double HYSTERESIS = 1.1;

    @ParameterizedTest(name = "{0} entities in a {1} m square, K={2}, {3} m cells")
    @CsvSource({
        "300, 40, 64, 8",    // a dense crowd: the early exit matters
        "300, 40, 64, 16",
        "500, 400, 64, 8",   // sparse: the radius decides
        "500, 400, 8, 4",
        "200, 120, 1, 30",
        "1000, 60, 200, 2",
    })
    void matchesBruteForceOverManyMovingTicks(int n, double side, int k, double cell) {
        Bounds bounds = Bounds.centred(side, 10, side);
        EntityStore store = new EntityStore(4);
        SpatialGrid grid = new SpatialGrid(bounds, cell, 4);
        InterestPass pass = new InterestPass(store, grid, RADIUS, HYSTERESIS, k, new double[] {10, 1e9},
                new int[] {1, 3});
        SplittableRandom random = new SplittableRandom(n * 31L + k);
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            float x = (float) random.nextDouble(bounds.minX(), bounds.maxX());
            float z = (float) random.nextDouble(bounds.minZ(), bounds.maxZ());
            slots[i] = store.add(EntityKind.AVATAR, "e" + i, "u", x, (float) random.nextDouble(0, 2), z, 0, 0);
            grid.ensureCapacity(store.capacity());
            grid.insert(slots[i], x, z);
        }
        int viewers = Math.min(n, 40);
        InterestView[] views = new InterestView[viewers];
        List<Map<Integer, Integer>> model = new ArrayList<>(); // what each viewer was told: slot -> local id
        for (int v = 0; v < viewers; v++) {
            views[v] = new InterestView(k, 2);
            views[v].allocate(slots[v], store.generation(slots[v]), 0);
            model.add(new HashMap<>());
        }
        for (int tick = 1; tick <= 12; tick++) {
            grid.pack(store);
            for (int v = 0; v < viewers; v++) {
                Set<Integer> before = new HashSet<>(model.get(v).keySet());
                Set<Integer> expected = bruteForce(store, slots, slots[v], before, k);
                Map<Integer, Integer> told = model.get(v);
                int self = slots[v];
                InterestView view = views[v];
                pass.update(view, self, tick, new InterestPass.Events() {
                    @Override
                    public void exited(int localId) {
                        assertThat(told.values()).contains(localId);
                        told.values().remove(localId);
                    }

                    @Override
                    public void entered(int localId, int slot) {
                        assertThat(told).doesNotContainKey(slot);
                        assertThat(told.values()).doesNotContain(localId);
                        told.put(slot, localId);
                    }
                });
                assertThat(told.keySet()).as("viewer %d at tick %d", v, tick).isEqualTo(expected);
                assertThat(view.size()).isEqualTo(expected.size());
                for (Map.Entry<Integer, Integer> e : told.entrySet()) {
                    assertThat(view.resolve(e.getValue(), store)).isEqualTo(e.getKey());
                    assertThat(view.localOf(e.getKey(), store)).isEqualTo(e.getValue());
                }
            }
            // everyone wanders up to 4 m
            for (int slot : slots) {
                float x = clamp(store.x(slot) + (float) random.nextDouble(-4, 4), bounds.minX(), bounds.maxX());
                float z = clamp(store.z(slot) + (float) random.nextDouble(-4, 4), bounds.minZ(), bounds.maxZ());
                store.setPosition(slot, x, store.y(slot), z, tick);
                grid.move(slot, x, z);
            }
            store.clearChanges();
        }
    }

    private static float clamp(float v, double min, double max) {
        return (float) Math.max(min, Math.min(max, v));
    }

    /** The rule, spelt out: eligible by radius (exit radius for members), ranked by effective distance, K best. */
    private static Set<Integer> bruteForce(EntityStore store, int[] slots, int self, Set<Integer> members, int k) {
        record Candidate(int slot, float eff) {}
        List<Candidate> candidates = new ArrayList<>();
        float enter2 = (float) (RADIUS * RADIUS);
        float exit2 = (float) (RADIUS * HYSTERESIS * RADIUS * HYSTERESIS);
        float invH2 = (float) (1 / (HYSTERESIS * HYSTERESIS));
        for (int s : slots) {
            if (s == self) {
                continue;
            }
            float d2 = store.distanceSquared(self, s);
            if (d2 > exit2) {
                continue;
            }
            float eff = members.contains(s) ? d2 * invH2 : d2;
            if (eff <= enter2) {
                candidates.add(new Candidate(s, eff));
            }
        }
        candidates.sort((a, b) -> a.eff != b.eff ? Float.compare(a.eff, b.eff) : Integer.compare(a.slot, b.slot));
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < Math.min(k, candidates.size()); i++) {
            out.add(candidates.get(i).slot);
        }
        return out;
    }
}
