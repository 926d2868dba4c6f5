package org.pujiang.ledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pujiang.ledger.checkpoint.NoteVectors.NOTE;
import static org.pujiang.ledger.checkpoint.NoteVectors.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
    private static final String TEXT = text(NOTE, "text");
    private static final String PETER_SIG = text(NOTE, "peterSig");
    private static final String ENOCH_SIG = text(NOTE, "enochSig");

    /** note_test.go TestSign: Ed25519 is deterministic, so signing gives Go's exact note. */
    @Test
    void signingGivesGosExactNote() throws FormatException {
        SigningKey peter = SigningKey.fromSkey(text(NOTE.get("peter"), "skey"));
        assertThat(SignedNote.sign(TEXT, peter).format()).isEqualTo(text(NOTE, "signedByPeter"));
    }

    /** note_test.go TestOpen: one note, two signatures, each verified by its own key only. */
    @Test
    void parsesAndVerifiesGosNotes() throws FormatException {
        NoteVerifier peter = NoteVerifier.parse(text(NOTE.get("peter"), "vkey"));
        NoteVerifier enoch = NoteVerifier.parse(text(NOTE.get("enoch"), "vkey"));
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + "\n" + ENOCH_SIG + "\n");
        assertThat(note.body()).isEqualTo(TEXT);
        assertThat(note.signatures()).extracting(NoteSignature::name).containsExactly("PeterNeumann", "EnochRoot");
        assertThat(note.signatures()).extracting(NoteSignature::keyIdHex).containsExactly("c74f20a3", "af0cfe78");
        assertThat(note.verifiedBy(peter)).isTrue();
        assertThat(note.verifiedBy(enoch)).isTrue();
        assertThat(note.format()).isEqualTo(TEXT + "\n" + PETER_SIG + "\n" + ENOCH_SIG + "\n");

        SignedNote onlyPeter = SignedNote.parse(text(NOTE, "signedByPeter"));
        assertThat(onlyPeter.verifiedBy(peter)).isTrue();
        assertThat(onlyPeter.verifiedBy(enoch)).as("no signature by Enoch's key").isFalse();
    }

    /** note_test.go TestOpen's invalid encodings (all but "\xff", which a Java String cannot hold). */
    @Test
    void malformedNotesAreRefused() {
        for (JsonNode bad : NOTE.get("badNotes")) {
            assertThatThrownBy(() -> SignedNote.parse(text(bad, "text")))
                    .as(bad.get("desc").asText())
                    .isInstanceOf(FormatException.class)
                    .hasMessageStartingWith("malformed note");
        }
    }

    @Test
    void tamperedNotesDoNotVerify() throws FormatException {
        NoteVerifier peter = NoteVerifier.parse(text(NOTE.get("peter"), "vkey"));
        String signed = text(NOTE, "signedByPeter");
        // a changed body
        assertThat(SignedNote.parse(signed.replace("cryptography", "cryptograph!")).verifiedBy(peter)).isFalse();
        // note_test.go "invalid signature": base64 changed inside the signature
        String badSig = TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60) + "\n";
        assertThat(SignedNote.parse(badSig).verifiedBy(peter)).isFalse();
        // a good signature plus a bad one by the same key: the whole note is refused (C2SP signed-note)
        String both = TEXT + "\n" + PETER_SIG + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60)
                + "\n";
        assertThat(SignedNote.parse(both).verifiedBy(peter)).isFalse();
        // the signature under another name, or with another key ID, is not Peter's
        assertThat(SignedNote.parse(signed.replace("PeterNeumann", "CarmenSandiego")).verifiedBy(peter)).isFalse();
        assertThat(SignedNote.parse(signed.replace("x08g", "xxxx")).verifiedBy(peter)).isFalse();
        // every single flipped bit of the signature bytes
        SignedNote good = SignedNote.parse(signed);
        NoteSignature sig = good.signatures().get(0);
        for (int bit = 0; bit < sig.signature().length * 8; bit++) {
            byte[] bytes = sig.signature();
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            SignedNote flipped = new SignedNote(TEXT, List.of(new NoteSignature(sig.name(), sig.keyId(), bytes)));
            assertThat(flipped.verifiedBy(peter)).as("bit %s", bit).isFalse();
        }
    }

    @Test
    void unknownSignaturesAreKeptAndReplacedOnlyBySameKey() throws FormatException {
        SignedNote note = SignedNote.parse(TEXT + "\n" + ENOCH_SIG + "\n");
        SigningKey peter = SigningKey.fromSkey(text(NOTE.get("peter"), "skey"));
        NoteSignature peterSig = SignedNote.sign(TEXT, peter).signatures().get(0);
        SignedNote both = note.withSignature(peterSig);
        assertThat(both.format()).isEqualTo(TEXT + "\n" + ENOCH_SIG + "\n" + PETER_SIG + "\n");
        // signing again with the same key replaces its line (note.go Sign)
        assertThat(both.withSignature(peterSig).signatures()).hasSize(2);
        SignedNote roundTrip = SignedNote.parse(both.format());
        assertThat(roundTrip).isEqualTo(both);
    }

    @Test
    void bodyAndSignatureRules() {
        NoteSignature any = new NoteSignature("a", new byte[4], new byte[64]);
        assertThatIllegalArgumentException().isThrownBy(() -> new SignedNote("no newline", List.of(any)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignedNote("", List.of(any)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignedNote("tab\there\n", List.of(any)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignedNote("x\n", List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> SignedNote.sign("x\n"));
        assertThatIllegalArgumentException().isThrownBy(() -> new NoteSignature("a b", new byte[4], new byte[1]));
        assertThatIllegalArgumentException().isThrownBy(() -> new NoteSignature("a+b", new byte[4], new byte[1]));
        assertThatIllegalArgumentException().isThrownBy(() -> new NoteSignature("a", new byte[3], new byte[1]));
        // the body may hold empty lines: the last blank line separates it from the signatures
        String body = "first\n\nthird\n";
        NoteSignature sig = new NoteSignature("k", new byte[] {1, 2, 3, 4}, new byte[] {5});
        assertThat(new SignedNote(body, List.of(sig)).format()).isEqualTo("first\n\nthird\n\n\u2014 k AQIDBAU=\n");
    }

    @Test
    void signatureLines() throws FormatException {
        NoteSignature sig = NoteSignature.parseLine(PETER_SIG);
        assertThat(sig.name()).isEqualTo("PeterNeumann");
        assertThat(sig.keyIdHex()).isEqualTo("c74f20a3");
        assertThat(sig.signature()).hasSize(64);
        assertThat(sig.line()).isEqualTo(PETER_SIG);
        assertThat(NoteSignature.parseLine(PETER_SIG + "\n")).isEqualTo(sig);
        assertThat(sig.isBy("PeterNeumann", NoteVectors.hex("c74f20a3"))).isTrue();
        assertThat(sig.isBy("PeterNeumann", NoteVectors.hex("c74f20a4"))).isFalse();
        assertThatThrownBy(() -> NoteSignature.parseLine("- PeterNeumann AAAAAAA=")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSignature.parseLine("\u2014 PeterNeumann")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSignature.parseLine("\u2014 PeterNeumann AAAAAA==")) // 4 bytes: no signature
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSignature.parseLine("\u2014 PeterNeumann AAAAAAA")) // padding missing
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSignature.parseLine("\u2014  AAAAAAA=")).isInstanceOf(FormatException.class);
    }
}
