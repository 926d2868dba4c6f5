package org.pujiang.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BoundsTest {
    @Test
    void centredBoxStandsOnTheFloor() {
        Bounds b = Bounds.centred(20, 6, 14);
        assertThat(b).isEqualTo(new Bounds(-10, 0, -7, 10, 6, 7));
        assertThat(b.width()).isEqualTo(20);
        assertThat(b.contains(0, 0, 0)).isTrue();
        assertThat(b.contains(10, 6, 7)).isTrue();
        assertThat(b.contains(10.01, 1, 0)).isFalse();
    }

    @Test
    void rejectsInvertedFlatOrHugeBoxesWithTheNumbers() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Bounds(5, 0, 0, -5, 1, 1))
                .withMessageContaining("x").withMessageContaining("min=5.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new Bounds(0, 0, 0, 10, 0.5, 10))
                .withMessageContaining("y");
        assertThatIllegalArgumentException().isThrownBy(() -> new Bounds(0, 0, 0, 10, 10, 200_000))
                .withMessageContaining("z");
        assertThatIllegalArgumentException().isThrownBy(() -> new Bounds(Double.NaN, 0, 0, 10, 10, 10))
                .withMessageContaining("finite");
    }

    @Test
    void everyTemplateHasValidDefaultsAndAStableWireName() {
        for (SpaceTemplate t : SpaceTemplate.values()) {
            assertThat(SpaceTemplate.fromWire(t.wireName())).contains(t);
            assertThat(t.defaultCapacity()).isBetween(1, SpaceLimits.CAPACITY_MAX);
        }
        assertThat(SpaceTemplate.fromWire("service-hall")).contains(SpaceTemplate.SERVICE_HALL);
        assertThat(SpaceTemplate.fromWire("SERVICE_HALL")).isEmpty();
        assertThat(Visibility.fromWire("unlisted")).contains(Visibility.UNLISTED);
        assertThat(Visibility.fromWire("Public")).isEmpty();
    }
}
