package org.pujiang.ledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.pujiang.ledger.checkpoint.NoteVectors.NOTE;
import static org.pujiang.ledger.checkpoint.NoteVectors.hex;
import static org.pujiang.ledger.checkpoint.NoteVectors.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * C2SP tlog-cosignature (cosignature/v1). The vector in signed-note.json "checkpoint" was derived with an independent
 * Ed25519 (python cryptography) from the PeterNeumann seed used as a type-0x04 witness key named
 * "example.com/witness": key ID = SHA-256("example.com/witness" || 0x0A || 0x04 || pub32)[:4] = 9f8bf381, message =
 * "cosignature/v1\ntime 1679315147\n" + the C2SP example checkpoint body.
 */
class CosignatureTest {
    private static final JsonNode CP = NOTE.get("checkpoint");
    private static final JsonNode WITNESS = CP.get("witness");
    private static final long TIME = CP.get("time").asLong();

    private static Checkpoint checkpoint() throws FormatException {
        return Checkpoint.parse(text(CP, "body"));
    }

    @Test
    void cosigningGivesTheDerivedVector() throws FormatException {
        CosigningKey key = CosigningKey.fromSkey(text(WITNESS, "skey"));
        assertThat(hex(key.keyId())).isEqualTo(text(WITNESS, "keyId"));
        assertThat(key.vkey()).isEqualTo(text(WITNESS, "vkey"));
        assertThat(key.skey()).isEqualTo(text(WITNESS, "skey"));
        assertThat(key.toString()).doesNotContain(text(WITNESS, "skey").substring(40));
        NoteSignature cosignature = key.cosign(checkpoint(), TIME);
        assertThat(cosignature.line()).isEqualTo(text(CP, "cosignature"));
        // payload = keyId(4) || timestamp(8, big-endian) || Ed25519(64)
        assertThat(cosignature.signature()).hasSize(8 + 64);
        assertThat(ByteBuffer.wrap(cosignature.signature()).getLong()).isEqualTo(TIME);

        CosignatureVerifier verifier = CosignatureVerifier.parse(text(WITNESS, "vkey"));
        assertThat(verifier.verify(checkpoint(), cosignature)).isEqualTo(OptionalLong.of(TIME));
        assertThat(verifier.verify(checkpoint(), NoteSignature.parseLine(text(CP, "cosignature"))))
                .isEqualTo(OptionalLong.of(TIME));
    }

    /** The whole cosigned checkpoint: the log's signature (type 0x01) and the witness's (type 0x04) on one note. */
    @Test
    void logSignedAndCosignedNote() throws FormatException {
        SigningKey log = SigningKey.fromSkey(text(NOTE.get("peter"), "skey"));
        CosigningKey witness = CosigningKey.fromSkey(text(WITNESS, "skey"));
        SignedNote note = SignedNote.sign(checkpoint().body(), log).withSignature(witness.cosign(checkpoint(), TIME));
        assertThat(note.format()).isEqualTo(text(CP, "note"));

        SignedNote parsed = SignedNote.parse(text(CP, "note"));
        assertThat(parsed.verifiedBy(log.verifier())).isTrue();
        assertThat(witness.verifier().verify(parsed)).isEqualTo(OptionalLong.of(TIME));
        assertThat(Checkpoint.parse(parsed.body())).isEqualTo(checkpoint());
    }

    /**
     * The same Ed25519 key as a log key and as a witness key has two key IDs (type byte 0x01 vs 0x04), and the
     * signed messages differ ("cosignature/v1" header), so neither signature passes for the other.
     */
    @Test
    void logSignaturesAndCosignaturesAreNotInterchangeable() throws FormatException {
        SigningKey log = SigningKey.fromSkey(text(NOTE.get("peter"), "skey"));
        CosigningKey witness = CosigningKey.fromSkey(text(WITNESS, "skey"));
        NoteSignature logSig = SignedNote.sign(checkpoint().body(), log).signatures().get(0);
        NoteSignature cosig = witness.cosign(checkpoint(), TIME);
        // relabel each as the other key: the names and IDs then match, the signatures still must not
        NoteSignature logSigAsCosig = new NoteSignature(witness.name(), witness.keyId(), logSig.signature());
        NoteSignature cosigAsLogSig = new NoteSignature(log.name(), log.keyId(), cosig.signature());
        assertThat(witness.verifier().verify(checkpoint(), logSigAsCosig)).isEmpty();
        assertThat(new SignedNote(checkpoint().body(), List.of(cosigAsLogSig)).verifiedBy(log.verifier())).isFalse();
        // the Ed25519 part of a cosignature does not sign the bare body either
        byte[] ed25519 = java.util.Arrays.copyOfRange(cosig.signature(), 8, 72);
        assertThat(new SignedNote(checkpoint().body(), List.of(new NoteSignature(log.name(), log.keyId(), ed25519)))
                .verifiedBy(log.verifier())).isFalse();
    }

    @Test
    void tamperedCosignaturesFail() throws FormatException {
        CosigningKey witness = CosigningKey.fromSkey(text(WITNESS, "skey"));
        CosignatureVerifier verifier = witness.verifier();
        Checkpoint cp = checkpoint();
        NoteSignature good = witness.cosign(cp, TIME);
        assertThat(verifier.verify(cp, good)).hasValue(TIME);

        // another checkpoint: size, root or origin changed
        assertThat(verifier.verify(new Checkpoint(cp.origin(), cp.size() + 1, cp.root()), good)).isEmpty();
        byte[] root = cp.root();
        root[31] ^= 1;
        assertThat(verifier.verify(new Checkpoint(cp.origin(), cp.size(), root), good)).isEmpty();
        assertThat(verifier.verify(new Checkpoint("example.com/other", cp.size(), cp.root()), good)).isEmpty();
        // the timestamp changed (it is signed)
        byte[] payload = good.signature();
        payload[7] ^= 1;
        assertThat(verifier.verify(cp, new NoteSignature(good.name(), good.keyId(), payload))).isEmpty();
        // every flipped bit of the Ed25519 signature
        for (int bit = 64; bit < 72 * 8; bit++) {
            byte[] bytes = good.signature();
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(verifier.verify(cp, new NoteSignature(good.name(), good.keyId(), bytes))).as("bit %s", bit)
                    .isEmpty();
        }
        // truncated, or with an extra byte
        assertThat(verifier.verify(cp, new NoteSignature(good.name(), good.keyId(),
                java.util.Arrays.copyOf(good.signature(), 71)))).isEmpty();
        assertThat(verifier.verify(cp, new NoteSignature(good.name(), good.keyId(),
                java.util.Arrays.copyOf(good.signature(), 73)))).isEmpty();
        // a timestamp above 2^63 - 1 ("It MUST NOT exceed 2^63 - 1")
        byte[] huge = good.signature();
        huge[0] = (byte) 0x80;
        assertThat(verifier.verify(cp, new NoteSignature(good.name(), good.keyId(), huge))).isEmpty();
        // the right signature under another name or key ID is not this witness's
        assertThat(verifier.verify(cp, new NoteSignature("example.com/other", good.keyId(), good.signature())))
                .isEmpty();
        assertThat(verifier.verify(cp, new NoteSignature(good.name(), new byte[4], good.signature()))).isEmpty();
    }

    @Test
    void aCosignatureByOneWitnessDoesNotVerifyUnderAnother() throws FormatException {
        CosigningKey first = CosigningKey.generate("witness.example.com/w1");
        CosigningKey second = CosigningKey.generate("witness.example.com/w2");
        CosigningKey sameName = CosigningKey.generate("witness.example.com/w1");
        Checkpoint cp = checkpoint();
        NoteSignature byFirst = first.cosign(cp, 1_700_000_000L);
        assertThat(first.verifier().verify(cp, byFirst)).hasValue(1_700_000_000L);
        assertThat(second.verifier().verify(cp, byFirst)).isEmpty();
        assertThat(sameName.verifier().verify(cp, byFirst)).isEmpty();
        // even relabelled with the other key's name and ID
        assertThat(second.verifier().verify(cp, new NoteSignature(second.name(), second.keyId(),
                byFirst.signature()))).isEmpty();
        SignedNote note = SignedNote.sign(cp.body(), SigningKey.generate("example.com/behind-the-sofa"))
                .withSignature(byFirst);
        assertThat(first.verifier().verify(note)).hasValue(1_700_000_000L);
        assertThat(second.verifier().verify(note)).isEmpty();
        // round trip of a generated key
        assertThat(CosigningKey.fromSkey(first.skey()).vkey()).isEqualTo(first.vkey());
        assertThat(CosignatureVerifier.parse(first.vkey()).vkey()).isEqualTo(first.vkey());
    }

    /** C2SP's example witness line and formats' TestCoSigV1Timestamp: key ID and timestamp sit where expected. */
    @Test
    void publishedCosignatureLinesDecode() throws FormatException {
        for (JsonNode c : NOTE.get("publishedCosignatures")) {
            NoteSignature sig = NoteSignature.parseLine(text(c, "line"));
            assertThat(sig.keyIdHex()).as(c.get("desc").asText()).isEqualTo(text(c, "keyId"));
            assertThat(sig.signature()).hasSize(72);
            assertThat(ByteBuffer.wrap(sig.signature()).getLong()).isEqualTo(c.get("time").asLong());
        }
    }

    /** formats' NewSignerForCosignatureV1 also takes a plain Ed25519 skey; the key ID is then the 0x04 one. */
    @Test
    void aPlainNoteSkeyCanCosign() throws FormatException {
        CosigningKey key = CosigningKey.fromSkey(text(NOTE.get("peter"), "skey"));
        assertThat(key.name()).isEqualTo("PeterNeumann");
        assertThat(key.keyId()).isNotEqualTo(hex("c74f20a3"));
        assertThat(key.vkey()).startsWith("PeterNeumann+").contains("+BBpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        assertThat(key.verifier().verify(checkpoint(), key.cosign(checkpoint(), 5))).hasValue(5);
    }

    @Test
    void badInputIsRefused() throws FormatException {
        CosigningKey key = CosigningKey.generate("w");
        assertThatIllegalArgumentException().isThrownBy(() -> key.cosign(checkpoint(), -1));
        assertThatIllegalArgumentException().isThrownBy(() -> CosigningKey.generate("w 1"));
        String skey = key.skey();
        String wrongId = skey.replace("+" + hex(key.keyId()) + "+", "+00000000+");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CosigningKey.fromSkey(wrongId))
                .isInstanceOf(FormatException.class).hasMessageContaining("does not match");
    }
}
