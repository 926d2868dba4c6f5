package org.pujiang.ledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pujiang.ledger.checkpoint.NoteVectors.CHECKPOINTS;
import static org.pujiang.ledger.checkpoint.NoteVectors.hex;
import static org.pujiang.ledger.checkpoint.NoteVectors.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CheckpointTest {
    /** C2SP tlog-checkpoint example and formats' valid cases: parse, fields, and body() gives the same bytes back. */
    @Test
    void validBodiesRoundTrip() throws FormatException {
        for (JsonNode v : CHECKPOINTS.get("valid")) {
            String body = text(v, "body");
            Checkpoint c = Checkpoint.parse(body);
            assertThat(c.origin()).as(v.get("desc").asText()).isEqualTo(text(v, "origin"));
            assertThat(c.size()).isEqualTo(v.get("size").asLong());
            assertThat(hex(c.root())).isEqualTo(text(v, "rootHex"));
            assertThat(c.body()).isEqualTo(body);
            assertThat(new Checkpoint(c.origin(), c.size(), c.root())).isEqualTo(c);
        }
    }

    /** formats' TestUnmarshalLogState invalid cases and ours, with exact messages. */
    @Test
    void invalidBodiesFailWithExactMessages() {
        for (JsonNode v : CHECKPOINTS.get("invalid")) {
            assertThatThrownBy(() -> Checkpoint.parse(text(v, "body")))
                    .as(v.get("desc").asText())
                    .isInstanceOf(FormatException.class)
                    .hasMessage(text(v, "error"));
        }
    }

    /** formats' TestMarshal layout, with a 32-byte root: "%s\n%d\n%s\n". */
    @Test
    void bodyIsOriginSizeBase64Root() {
        byte[] root = new byte[32];
        root[0] = 1;
        assertThat(new Checkpoint("Log", 123, root).body())
                .isEqualTo("Log\n123\nAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    }

    @Test
    void equalsByContentAndCopiesTheRoot() {
        byte[] root = hex("0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62");
        Checkpoint a = new Checkpoint("example.com/log", 5, root);
        root[0] ^= 1;
        Checkpoint b = new Checkpoint("example.com/log", 5,
                hex("0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        a.root()[0] ^= 1;
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(new Checkpoint("example.com/log", 6, b.root()));
        assertThat(a).isNotEqualTo(new Checkpoint("example.com/other", 5, b.root()));
        assertThat(a.toString()).contains("example.com/log", "5", "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    }

    @Test
    void constructorRefusesWhatCannotBeABody() {
        byte[] root = new byte[32];
        assertThatIllegalArgumentException().isThrownBy(() -> new Checkpoint("", 1, root));
        assertThatIllegalArgumentException().isThrownBy(() -> new Checkpoint("a\nb", 1, root));
        assertThatIllegalArgumentException().isThrownBy(() -> new Checkpoint("a", -1, root));
        assertThatIllegalArgumentException().isThrownBy(() -> new Checkpoint("a", 1, new byte[31]))
                .withMessage("checkpoint root must be 32 bytes, got 31");
    }
}
