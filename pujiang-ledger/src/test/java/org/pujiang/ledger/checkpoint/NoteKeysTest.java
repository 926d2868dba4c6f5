package org.pujiang.ledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pujiang.ledger.checkpoint.NoteVectors.NOTE;
import static org.pujiang.ledger.checkpoint.NoteVectors.hex;
import static org.pujiang.ledger.checkpoint.NoteVectors.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NoteKeysTest {
    private static final String PETER_SKEY = text(NOTE.get("peter"), "skey");
    private static final String PETER_VKEY = text(NOTE.get("peter"), "vkey");

    /**
     * note_test.go's PeterNeumann key: the seed gives Go's public key, and the key ID is
     * SHA-256("PeterNeumann" || 0x0A || 0x01 || pub32)[:4] = c74f20a3.
     */
    @Test
    void gosSigningKeyGivesGosVerifierKey() throws FormatException {
        SigningKey key = SigningKey.fromSkey(PETER_SKEY);
        assertThat(key.name()).isEqualTo("PeterNeumann");
        assertThat(hex(key.keyId())).isEqualTo("c74f20a3");
        assertThat(key.vkey()).isEqualTo(PETER_VKEY);
        assertThat(key.skey()).isEqualTo(PETER_SKEY);
        assertThat(key.verifier().vkey()).isEqualTo(PETER_VKEY);
        assertThat(key.toString()).doesNotContain("AYEK").contains("c74f20a3");
        NoteVerifier verifier = NoteVerifier.parse(PETER_VKEY);
        assertThat(verifier.name()).isEqualTo("PeterNeumann");
        assertThat(hex(verifier.keyId())).isEqualTo("c74f20a3");
        assertThat(verifier.vkey()).isEqualTo(PETER_VKEY);
    }

    /** note_test.go testSignerAndVerifier, on a fresh key (GenerateKey / TestGenerateKey). */
    @Test
    void generatedKeysRoundTripAndSign() throws FormatException {
        SigningKey key = SigningKey.generate("EnochRoot");
        SigningKey again = SigningKey.fromSkey(key.skey());
        assertThat(again.vkey()).isEqualTo(key.vkey());
        NoteVerifier verifier = NoteVerifier.parse(key.vkey());
        assertThat(verifier.keyId()).isEqualTo(key.keyId());
        byte[] msg = "hi".getBytes(StandardCharsets.UTF_8);
        byte[] sig = key.sign(msg);
        assertThat(sig).hasSize(64);
        assertThat(verifier.verify(msg, sig)).isTrue();
        sig[0]++;
        assertThat(verifier.verify(msg, sig)).as("corrupt signature").isFalse();
        sig[0]--;
        msg[0]++;
        assertThat(verifier.verify(msg, sig)).as("corrupt message").isFalse();
        assertThat(verifier.verify(new byte[0], new byte[63])).isFalse();
        assertThat(SigningKey.generate("EnochRoot").vkey()).as("fresh randomness").isNotEqualTo(key.vkey());
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.generate("bad name"));
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.generate("bad+name"));
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.generate(""));
    }

    /** note_test.go TestNewVerifier: every proper substring and every single-character change is refused. */
    @Test
    void everyManglingOfGosVerifierKeyIsRefused() {
        byte[] b = PETER_VKEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= b.length; i++) {
            for (int j = i + 1; j <= b.length; j++) {
                if (i != 0 || j != b.length) {
                    String mangled = new String(b, i, j - i, StandardCharsets.US_ASCII);
                    assertThatThrownBy(() -> NoteVerifier.parse(mangled)).as(mangled)
                            .isInstanceOf(FormatException.class);
                }
            }
        }
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            String mangled = new String(b, StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> NoteVerifier.parse(mangled)).as(mangled).isInstanceOf(FormatException.class);
            b[i]--;
        }
        for (JsonNode bad : NOTE.get("badVkeys")) {
            assertThatThrownBy(() -> NoteVerifier.parse(text(bad, "vkey"))).as(bad.get("desc").asText())
                    .isInstanceOf(FormatException.class);
        }
    }

    /** note_test.go TestNewSigner: every proper substring and every single-character change is refused. */
    @Test
    void everyManglingOfGosSigningKeyIsRefused() {
        byte[] b = PETER_SKEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= b.length; i++) {
            for (int j = i + 1; j <= b.length; j++) {
                if (i != 0 || j != b.length) {
                    String mangled = new String(b, i, j - i, StandardCharsets.US_ASCII);
                    assertThatThrownBy(() -> SigningKey.fromSkey(mangled)).as(mangled)
                            .isInstanceOf(FormatException.class);
                }
            }
        }
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            String mangled = new String(b, StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> SigningKey.fromSkey(mangled)).as(mangled).isInstanceOf(FormatException.class);
            b[i]--;
        }
    }

    /** formats' TestCoSigV1NewVerifier keys: each parses only as its own type, with the published key ID. */
    @Test
    void keyTypesAreNotInterchangeable() throws FormatException {
        for (JsonNode k : NOTE.get("otherVkeys")) {
            String vkey = text(k, "vkey");
            if (k.get("type").asInt() == 1) {
                NoteVerifier v = NoteVerifier.parse(vkey);
                assertThat(hex(v.keyId())).isEqualTo(text(k, "keyId"));
                assertThat(v.vkey()).isEqualTo(vkey);
                assertThatThrownBy(() -> CosignatureVerifier.parse(vkey)).isInstanceOf(FormatException.class)
                        .hasMessageContaining("type 1");
            } else {
                CosignatureVerifier v = CosignatureVerifier.parse(vkey);
                assertThat(v.name()).isEqualTo(text(k, "name"));
                assertThat(hex(v.keyId())).isEqualTo(text(k, "keyId"));
                assertThat(v.vkey()).isEqualTo(vkey);
                assertThatThrownBy(() -> NoteVerifier.parse(vkey)).isInstanceOf(FormatException.class)
                        .hasMessageContaining("type 4");
            }
        }
        String cosigningSkey = text(NOTE.get("checkpoint").get("witness"), "skey");
        assertThatThrownBy(() -> SigningKey.fromSkey(cosigningSkey)).isInstanceOf(FormatException.class);
    }

    @Test
    void noteKeysShareOneShape() throws FormatException {
        NoteKey log = SigningKey.fromSkey(PETER_SKEY);
        NoteKey witness = CosigningKey.fromSkey(text(NOTE.get("checkpoint").get("witness"), "skey"));
        for (NoteKey key : new NoteKey[] {log, witness}) {
            assertThat(key.vkey()).startsWith(key.name() + "+" + hex(key.keyId()) + "+");
            assertThat(key.skey()).startsWith("PRIVATE+KEY+" + key.name() + "+" + hex(key.keyId()) + "+");
        }
    }
}
