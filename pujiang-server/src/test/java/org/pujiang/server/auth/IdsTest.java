package org.pujiang.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsAreVersion7TimeOrderedAndRandom() {
        UUID a = Ids.newId();
        long before = System.currentTimeMillis();
        UUID b = Ids.newId();
        assertThat(a.version()).isEqualTo(7);
        assertThat(a.variant()).isEqualTo(2);
        assertThat(b).isNotEqualTo(a);
        long millis = b.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(a.toString().substring(0, 8).compareTo(b.toString().substring(0, 8))).isLessThanOrEqualTo(0);
    }
}
