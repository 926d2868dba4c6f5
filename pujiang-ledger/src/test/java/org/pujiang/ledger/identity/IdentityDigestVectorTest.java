package org.pujiang.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link IdentityDigest} on RFC 4231 vectors and one computed elsewhere. */
class IdentityDigestVectorTest {
    private static final byte[] SALT = "pujiang-test-salt".getBytes(StandardCharsets.US_ASCII);

    /**
     * RFC 4231 §4.2 test case 1: key = 0x0b × 20, data = "Hi There". The digest hashes the string's bytes (ASCII for
     * every normalised number), so the RFC's data goes in as a string.
     */
    @Test
    void rfc4231TestCase1() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        assertThat(IdentityDigest.of(key, "Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    /** Python: hmac.new(b"pujiang-test-salt", b"11010519491231002X", hashlib.sha256).hexdigest(). */
    @Test
    void gbExampleUnderTheTestSalt() {
        assertThat(IdentityDigest.of(SALT, "11010519491231002X"))
                .isEqualTo("10473bb36f925d1f4c9f0959762335b3f1bb111d7608b8491223dde45ab8c24d");
        assertThat(IdentityDigest.of("other-salt".getBytes(StandardCharsets.US_ASCII), "11010519491231002X"))
                .isNotEqualTo("10473bb36f925d1f4c9f0959762335b3f1bb111d7608b8491223dde45ab8c24d");
    }

    /** The digest is of the exact string: callers pass {@link IdCheck.Valid#normalised()}, never the raw input. */
    @Test
    void digestIsOfTheNormalisedForm() {
        assertThat(IdentityDigest.of(SALT, "11010519491231002x"))
                .isNotEqualTo(IdentityDigest.of(SALT, "11010519491231002X"));
        IdCheck.Valid v = (IdCheck.Valid) ChineseIdNumber.check(" １１０１０５１９４９１２３１００２ｘ ",
                LocalDate.of(2026, 1, 1));
        assertThat(IdentityDigest.of(SALT, v.normalised())).isEqualTo(IdentityDigest.of(SALT, "11010519491231002X"));
    }

    @Test
    void noNumberIsABug() {
        assertThatNullPointerException().isThrownBy(() -> IdentityDigest.of(SALT, null));
    }
}
