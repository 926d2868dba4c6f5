package org.pujiang.ledger.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pujiang.ledger.asset.AssetVectors.ENTRIES;
import static org.pujiang.ledger.asset.AssetVectors.bytes;
import static org.pujiang.ledger.asset.AssetVectors.entry;
import static org.pujiang.ledger.asset.AssetVectors.flat;
import static org.pujiang.ledger.asset.AssetVectors.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {
    /** The records, built from the vector's fields, encode to exactly the vector's bytes (Python's JCS form). */
    @Test
    void encodeGivesTheVectorBytes() {
        for (JsonNode v : ENTRIES.get("valid")) {
            LedgerEntry e = entry(v.get("fields"));
            assertThat(new String(e.encode(), StandardCharsets.UTF_8)).as(text(v, "desc")).isEqualTo(text(v, "text"));
            assertThat(e.encode()).as(text(v, "desc")).isEqualTo(bytes(v));
        }
    }

    @Test
    void decodeGivesTheRecordAndItsFields() throws EntryFormatException {
        for (JsonNode v : ENTRIES.get("valid")) {
            LedgerEntry e = LedgerEntry.decode(bytes(v));
            assertThat(e).as(text(v, "desc")).isEqualTo(entry(v.get("fields")));
            assertThat(e.fields()).as(text(v, "desc")).isEqualTo(flat(v.get("fields")));
            assertThat(e.kind()).isEqualTo(text(v.get("fields"), "kind"));
            assertThat(LedgerEntry.decode(e.encode())).isEqualTo(e);
            assertThat(new java.util.ArrayList<>(e.fields().keySet())).isSorted();
        }
    }

    @Test
    void invalidVectorsAreRefusedNamingTheProblem() {
        for (JsonNode v : ENTRIES.get("invalid")) {
            byte[] b = bytes(v);
            assertThatThrownBy(() -> LedgerEntry.decode(b))
                    .as(text(v, "desc"))
                    .isInstanceOf(EntryFormatException.class)
                    .hasMessageContaining(text(v, "messageContains"));
        }
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> LedgerEntry.decode(null)).isInstanceOf(EntryFormatException.class);
    }

    /** The register vector with escapes: the control character U+0001 is written \u0001, with lower-case hex. */
    @Test
    void controlCharactersUseLowerCaseHexEscapes() throws EntryFormatException {
        JsonNode v = ENTRIES.get("valid").get(1);
        String t = text(v, "text");
        assertThat(t).contains("\\u0001", "\\u001f", "\\b", "\\f", "\\n", "\\r", "\\t", "\\\"", "\\\\", "a/b",
                "\u007f", "\u2028");
        LedgerEntry.Register r = (LedgerEntry.Register) LedgerEntry.decode(bytes(v));
        assertThat(r.title()).isEqualTo("say \"hi\" \\ a/b\nline\u0001\b\f\r\t\u001f\u007f\u2028end");
    }

    /** Records refuse what could not be encoded or decoded back, so an entry that exists always round-trips. */
    @Test
    void recordsCheckTheirFields() {
        AssetId a = AssetId.random();
        AccountId c = AccountId.random();
        AccountId d = AccountId.random();
        String hash = "sha256:" + "0".repeat(64);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LedgerEntry.Register(a, hash, MediaFormat.PNG, 1, "t\ud800", c, "", 1, 0))
                .withMessageContaining("'title'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LedgerEntry.Register(a, hash, MediaFormat.PNG, 1, "t", c, "x".repeat(1001), 1, 0))
                .withMessageContaining("'licence'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LedgerEntry.Register(a, "sha256:" + "A".repeat(64), MediaFormat.PNG, 1, "t", c,
                        "", 1, 0))
                .withMessageContaining("'contentHash'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LedgerEntry.Mint(a, 100_000, 2, c, 0)).withMessageContaining("'first'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LedgerEntry.Mint(a, 1, 0, c, 0)).withMessageContaining("'count'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LedgerEntry.Transfer(a, 1, c, c, 0, 0)).withMessageContaining("'to'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LedgerEntry.Burn(a, 1, c, -1, 0)).withMessageContaining("'prev'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LedgerEntry.Burn(a, 1, d, 0, -1)).withMessageContaining("'at'");
        // the largest title: 1000 characters that each escape to 6 bytes
        LedgerEntry.Register big = new LedgerEntry.Register(a, hash, MediaFormat.PNG, 1, "\u0001".repeat(1000), c,
                "\u0002".repeat(1000), 1, 0);
        assertThat(big.encode().length).isLessThan(65_535);
    }

    @Test
    void idsParseOnlyTheCanonicalLowerCaseForm() {
        String s = "3f2b8c4e-9d1a-4b7e-8f60-2c5d9e0a1b34";
        assertThat(AssetId.parse(s).toString()).isEqualTo(s);
        assertThat(AccountId.parse(s).toString()).isEqualTo(s);
        for (String bad : new String[] {s.toUpperCase(), s.replace("-", ""), "{" + s + "}", s + " ", "",
                "3f2b8c4e-9d1a-4b7e-8f60-2c5d9e0a1b3", "3f2b8c4e+9d1a-4b7e-8f60-2c5d9e0a1b34",
                "3f2b8c4e-9d1a-4b7e-8f60-2c5d9e0a1b3g"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> AssetId.parse(bad));
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> AccountId.parse(bad));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> AssetId.parse(null));
    }
}
