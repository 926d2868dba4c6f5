package org.pujiang.ledger.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.pujiang.ledger.asset.AssetVectors.ENTRIES;
import static org.pujiang.ledger.asset.AssetVectors.MAPPER;
import static org.pujiang.ledger.asset.AssetVectors.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Properties of the canonical encoding beyond the vectors: key order, random round trips, mangled bytes. */
class EntryCodecTest {
    /** RFC 8785 §3.2.3: every kind writes its keys in UTF-16 code unit order, the order String.compareTo gives. */
    @Test
    void everyKindWritesItsKeysSorted() throws IOException {
        Random rnd = new Random(1);
        for (int i = 0; i < 4; i++) {
            LedgerEntry e = randomEntry(rnd, i);
            List<String> keys = new ArrayList<>();
            MAPPER.readTree(e.encode()).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(e.kind()).isSorted().containsExactlyElementsOf(e.fields().keySet());
        }
    }

    /**
     * Random entries with titles drawn from every plane (controls, surrogate pairs, U+2028, U+FFFF, ...): decode of
     * encode is the entry, and an ordinary JSON parser reads the same strings and numbers out of the bytes.
     */
    @Test
    void randomEntriesRoundTrip() throws Exception {
        Random rnd = new Random(6);
        for (int i = 0; i < 2_000; i++) {
            LedgerEntry e = randomEntry(rnd, i % 4);
            byte[] b = e.encode();
            assertThat(LedgerEntry.decode(b)).isEqualTo(e);
            assertThat(AssetVectors.flat(MAPPER.readTree(b))).isEqualTo(e.fields());
            for (byte x : b) {
                assertThat(x & 0xFF).as("no raw control character: they are all escaped").isGreaterThanOrEqualTo(0x20);
            }
        }
    }

    /**
     * Flipped bytes, cut-offs, insertions and deletions of every valid vector: decode either throws
     * EntryFormatException or returns an entry whose encoding is exactly the bytes it was given, never anything else.
     */
    @Test
    void mangledBytesAreRefusedOrCanonical() {
        Random rnd = new Random(11);
        int refused = 0;
        for (JsonNode v : ENTRIES.get("valid")) {
            byte[] good = bytes(v);
            for (int i = 0; i < 3_000; i++) {
                byte[] b = mangle(good, rnd);
                try {
                    LedgerEntry e = LedgerEntry.decode(b);
                    assertThat(e.encode()).isEqualTo(b);
                } catch (EntryFormatException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                    refused++;
                } catch (RuntimeException r) {
                    fail("decode threw " + r + " for " + new String(b, java.nio.charset.StandardCharsets.UTF_8), r);
                }
            }
        }
        assertThat(refused).isGreaterThan(15_000);
    }

    static byte[] mangle(byte[] good, Random rnd) {
        byte[] b = good.clone();
        int at = rnd.nextInt(b.length);
        return switch (rnd.nextInt(5)) {
            case 0 -> {
                b[at] ^= (byte) (1 << rnd.nextInt(8));
                yield b;
            }
            case 1 -> {
                b[at] = (byte) rnd.nextInt(256);
                yield b;
            }
            case 2 -> Arrays.copyOf(b, at);
            case 3 -> {
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) " \"{}:,0\\-9aE.".charAt(rnd.nextInt(13));
                System.arraycopy(b, at, c, at + 1, b.length - at);
                yield c;
            }
            default -> {
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                yield c;
            }
        };
    }

    static LedgerEntry randomEntry(Random rnd, int kind) {
        AssetId asset = new AssetId(new UUID(rnd.nextLong(), rnd.nextLong()));
        AccountId a = new AccountId(new UUID(rnd.nextLong(), rnd.nextLong()));
        AccountId b = new AccountId(new UUID(rnd.nextLong(), rnd.nextLong()));
        long at = rnd.nextLong(1L << 53);
        int edition = 1 + rnd.nextInt(LedgerEntry.MAX_EDITIONS);
        long prev = rnd.nextLong(1L << 40);
        return switch (kind) {
            case 0 -> {
                StringBuilder hash = new StringBuilder("sha256:");
                for (int i = 0; i < 64; i++) {
                    hash.append("0123456789abcdef".charAt(rnd.nextInt(16)));
                }
                MediaFormat[] formats = MediaFormat.values();
                yield new LedgerEntry.Register(asset, hash.toString(), formats[rnd.nextInt(formats.length)],
                        1 + rnd.nextLong(1L << 40), randomText(rnd), a, randomText(rnd),
                        1 + rnd.nextInt(LedgerEntry.MAX_EDITIONS), at);
            }
            case 1 -> {
                int first = 1 + rnd.nextInt(LedgerEntry.MAX_EDITIONS);
                yield new LedgerEntry.Mint(asset, first, 1 + rnd.nextInt(LedgerEntry.MAX_EDITIONS - first + 1), a, at);
            }
            case 2 -> new LedgerEntry.Transfer(asset, edition, a, b, prev, at);
            default -> new LedgerEntry.Burn(asset, edition, a, prev, at);
        };
    }

    /** Up to 40 code points from the places escaping and UTF-8 get wrong. */
    static String randomText(Random rnd) {
        int[] special = {0, 1, 8, 9, 10, 12, 13, 0x1f, ' ', '"', '\\', '/', 0x7f, 0x80, 0xff, 0x7ff, 0x800, 0x2028,
            0x2029, 0xd7ff, 0xe000, 0xfeff, 0xfffd, 0xffff, 0x10000, 0x1f409, 0x10ffff, '浦', '江'};
        StringBuilder s = new StringBuilder();
        int n = rnd.nextInt(41);
        for (int i = 0; i < n; i++) {
            int cp = switch (rnd.nextInt(3)) {
                case 0 -> special[rnd.nextInt(special.length)];
                case 1 -> 0x20 + rnd.nextInt(0x5f);
                default -> {
                    int c;
                    do {
                        c = rnd.nextInt(0x110000);
                    } while (c >= 0xd800 && c <= 0xdfff);
                    yield c;
                }
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
