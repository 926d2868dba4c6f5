package org.pujiang.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsAreVersion7AndCarryTheirMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = Ids.newId();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis() + 1);
    }

    @Test
    void idsSortInCreationOrderEvenWithinOneMillisecond() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(Ids.newId());
        }
        // Compare as the databases do: by the canonical text, which is by unsigned bytes.
        List<String> text = ids.stream().map(UUID::toString).toList();
        assertThat(text).isSorted().doesNotHaveDuplicates();
    }
}
