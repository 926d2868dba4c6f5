package org.pujiang.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
    private static final byte[] KEY = new byte[32];
    private final TokenCodec codec = new TokenCodec(KEY);
    private final Instant now = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void signedTokensVerifyUntilTheyExpire() {
        UUID id = UUID.fromString("01a20b5e-1f3e-7616-bd5c-bcf5f49800ca");
        TokenCodec.Claims claims = new TokenCodec.Claims(id, now.plusSeconds(60));
        String token = codec.sign(claims);
        assertThat(token).startsWith("pj1.").matches("pj1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(codec.verify(token, now)).isEqualTo(new TokenCodec.Verified.Ok(claims));
        assertThat(codec.verify(token, now.plusSeconds(60)))
                .isEqualTo(new TokenCodec.Verified.Refused(TokenCodec.Problem.EXPIRED));
    }

    @Test
    void anyChangedByteBreaksTheSignature() {
        String token = codec.sign(new TokenCodec.Claims(UUID.randomUUID(), now.plusSeconds(60)));
        int payloadStart = 4;
        char[] chars = token.toCharArray();
        chars[payloadStart] = chars[payloadStart] == 'A' ? 'B' : 'A';
        assertThat(codec.verify(new String(chars), now))
                .isEqualTo(new TokenCodec.Verified.Refused(TokenCodec.Problem.BAD_SIGNATURE));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new TokenCodec(otherKey).verify(token, now))
                .isEqualTo(new TokenCodec.Verified.Refused(TokenCodec.Problem.BAD_SIGNATURE));
    }

    @Test
    void malformedTokensAreRefusedWithoutExceptions() {
        for (String bad : new String[] {null, "", "pj1.", "pj1..", "pj2.AAAA.BBBB", "pj1.@@@.###", "pj1.AAAA.BBBB",
            "pj1." + "A".repeat(200)}) {
            assertThat(codec.verify(bad, now)).as(String.valueOf(bad))
                    .isEqualTo(new TokenCodec.Verified.Refused(TokenCodec.Problem.MALFORMED));
        }
    }

    @Test
    void shortKeysAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenCodec(new byte[16])).withMessageContaining("16");
    }
}
