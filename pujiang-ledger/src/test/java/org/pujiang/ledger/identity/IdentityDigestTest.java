package org.pujiang.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentityDigestTest {
    @Test
    void rfc4231TestCase2() {
        // RFC 4231 §4.3: HMAC-SHA-256 with key "Jefe" over "what do ya want for nothing?"
        assertThat(IdentityDigest.of("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void sameNumberSameDigestOnlyUnderTheSameKey() {
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        k2[0] = 1;
        String d = IdentityDigest.of(k1, "11010519491231002X");
        assertThat(d).hasSize(64).matches("[0-9a-f]+").isEqualTo(IdentityDigest.of(k1, "11010519491231002X"));
        assertThat(IdentityDigest.of(k2, "11010519491231002X")).isNotEqualTo(d);
        assertThat(IdentityDigest.of(k1, "110105194912310029")).isNotEqualTo(d);
        assertThat(d).doesNotContain("110105");
    }

    @Test
    void anEmptyKeyIsABug() {
        assertThatThrownBy(() -> IdentityDigest.of(new byte[0], "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityDigest.of(null, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
