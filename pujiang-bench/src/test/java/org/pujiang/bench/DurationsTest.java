package org.pujiang.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsShortFormsAndIso() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("2.5m")).isEqualTo(Duration.ofSeconds(150));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse(" PT20S ")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void refusesOtherFormsNamingTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("30"))
                .withMessageContaining("'30'");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("5 days"))
                .withMessageContaining("'5 days'");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("PT-5S"))
                .withMessageContaining("negative");
    }
}
