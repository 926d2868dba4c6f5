package org.pujiang.ledger.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The hand-written encoder against a second, plain RFC 8785 writer over {@link LedgerEntry#fields()} (a TreeMap for
 * the key order, a char-by-char escaper written as §3.2.2.2 reads), byte for byte, on random text.
 */
class EntryReferenceEncodingTest {
    @Test
    void encoderAgreesWithAPlainJcsWriter() {
        Random rnd = new Random(8785);
        for (int i = 0; i < 4_000; i++) {
            LedgerEntry e = EntryCodecTest.randomEntry(rnd, i % 4);
            assertThat(new String(e.encode(), StandardCharsets.UTF_8)).isEqualTo(reference(e.fields()));
        }
    }

    @Test
    void noEntryCarriesAPriceOrASale() {
        for (Class<?> kind : LedgerEntry.class.getPermittedSubclasses()) {
            for (RecordComponent c : kind.getRecordComponents()) {
                assertThat(c.getName().toLowerCase(Locale.ROOT)).as(kind.getSimpleName())
                        .doesNotContain("price", "amount", "currency", "sale", "order", "buyer", "seller");
            }
        }
    }

    /** RFC 8785 for flat objects of strings and longs, written plainly (and slowly). */
    private static String reference(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : new TreeMap<>(fields).entrySet()) { // UTF-16 code unit order, §3.2.3
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, e.getKey());
            out.append(':');
            if (e.getValue() instanceof Long n) {
                out.append(n);
            } else {
                quote(out, (String) e.getValue());
            }
        }
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
