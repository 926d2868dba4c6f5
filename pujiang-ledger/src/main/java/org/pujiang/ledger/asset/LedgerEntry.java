package org.pujiang.ledger.asset;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of the asset log, and its canonical encoding: the exact bytes that are the Merkle leaf
 * (docs/ledger.md, "Entries"). The encoding is JSON in the RFC 8785 (JCS) canonical form restricted to what entries
 * use: UTF-8, no whitespace, object keys sorted by UTF-16 code units, strings with minimal escapes, integers only, no
 * nulls. Every entry has {@code "v":1}, {@code "kind"} and {@code "at"} (epoch milliseconds).
 *
 * <p>There is no price, sale or order field, and {@link #decode} refuses any key it does not know, so none can be
 * smuggled in. The records validate their fields, so an entry that exists always encodes, and decoding refuses
 * bytes whose fields break the same rules. Records are values; safe from any thread.
 */
public sealed interface LedgerEntry {
    /** The value of {@code "v"}. */
    int VERSION = 1;
    /** Editions one asset may have at most, whatever the policy says. */
    int MAX_EDITIONS = 100_000;
    /**
     * Characters a title or licence may have at most. At 6 bytes a character at worst (a control character escaped
     * as backslash, u, 4 hex digits), every entry stays far below the 65535 bytes a log entry may have (C2SP
     * tlog-tiles entry bundles).
     */
    int TEXT_MAX = 1000;
    /**
     * The largest integer an entry holds (2^53 - 1): RFC 8785 numbers are IEEE doubles, and a verifier in JavaScript
     * must read every integer exactly.
     */
    long MAX_SAFE_INTEGER = (1L << 53) - 1;

    AssetId asset();

    /** When the log accepted it, epoch milliseconds. */
    long at();

    /** {@code register}, {@code mint}, {@code transfer} or {@code burn}. */
    String kind();

    /** The canonical bytes (the Merkle leaf's data). */
    default byte[] encode() {
        return EntryCodec.encode(this);
    }

    /** Every field as written, keys sorted: strings and longs. For display and tests; not on the hot path. */
    Map<String, Object> fields();

    /**
     * Decodes canonical entry bytes.
     *
     * @throws EntryFormatException when the bytes are not exactly the canonical encoding of an entry; the message
     *     names the key at fault
     */
    static LedgerEntry decode(byte[] bytes) throws EntryFormatException {
        return EntryCodec.decode(bytes);
    }

    /** An asset comes into being: its file's hash and format, title, creator, licence and edition count. */
    record Register(AssetId asset, String contentHash, MediaFormat format, long size, String title, AccountId creator,
            String licence, int editions, long at) implements LedgerEntry {
        public Register {
            common(asset, at);
            EntryRules.contentHash(contentHash);
            Objects.requireNonNull(format, "'format'");
            EntryRules.size(size);
            EntryRules.text("title", title);
            Objects.requireNonNull(creator, "'creator'");
            EntryRules.text("licence", licence);
            if (editions < 1 || editions > MAX_EDITIONS) {
                throw new IllegalArgumentException("'editions' must be 1 to " + MAX_EDITIONS + ", got " + editions);
            }
        }

        @Override
        public String kind() {
            return "register";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = base(this);
            m.put("contentHash", contentHash);
            m.put("format", format.wireName());
            m.put("size", size);
            m.put("title", title);
            m.put("creator", creator.toString());
            m.put("licence", licence);
            m.put("editions", (long) editions);
            return m;
        }
    }

    /** Editions {@code first … first+count-1} are made and given to {@code to} (the creator). */
    record Mint(AssetId asset, int first, int count, AccountId to, long at) implements LedgerEntry {
        public Mint {
            common(asset, at);
            if (first < 1 || count < 1 || (long) first + count - 1 > MAX_EDITIONS) {
                throw new IllegalArgumentException("'first' and 'count' must name editions 1 to " + MAX_EDITIONS
                        + ", got first " + first + ", count " + count);
            }
            Objects.requireNonNull(to, "'to'");
        }

        @Override
        public String kind() {
            return "mint";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = base(this);
            m.put("first", (long) first);
            m.put("count", (long) count);
            m.put("to", to.toString());
            return m;
        }
    }

    /** An edition is given from one account to another; {@code prev} is the log index of its previous event. */
    record Transfer(AssetId asset, int edition, AccountId from, AccountId to, long prev, long at)
            implements LedgerEntry {
        public Transfer {
            common(asset, at);
            checkEdition(edition);
            Objects.requireNonNull(from, "'from'");
            Objects.requireNonNull(to, "'to'");
            if (from.equals(to)) {
                throw new IllegalArgumentException("'to' must differ from 'from' (" + from + ")");
            }
            checkPrev(prev);
        }

        @Override
        public String kind() {
            return "transfer";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = base(this);
            m.put("edition", (long) edition);
            m.put("from", from.toString());
            m.put("to", to.toString());
            m.put("prev", prev);
            return m;
        }
    }

    /** An edition is destroyed by its holder; {@code prev} is the log index of its previous event. */
    record Burn(AssetId asset, int edition, AccountId from, long prev, long at) implements LedgerEntry {
        public Burn {
            common(asset, at);
            checkEdition(edition);
            Objects.requireNonNull(from, "'from'");
            checkPrev(prev);
        }

        @Override
        public String kind() {
            return "burn";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = base(this);
            m.put("edition", (long) edition);
            m.put("from", from.toString());
            m.put("prev", prev);
            return m;
        }
    }

    private static Map<String, Object> base(LedgerEntry e) {
        // TreeMap orders by String.compareTo, i.e. by UTF-16 code units as RFC 8785 §3.2.3 sorts.
        Map<String, Object> m = new TreeMap<>();
        m.put("v", (long) VERSION);
        m.put("kind", e.kind());
        m.put("asset", e.asset().toString());
        m.put("at", e.at());
        return m;
    }

    private static void common(AssetId asset, long at) {
        Objects.requireNonNull(asset, "'asset'");
        if (at < 0 || at > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("'at' must be epoch milliseconds from 0 to 2^53-1, got " + at);
        }
    }

    private static void checkEdition(int edition) {
        if (edition < 1 || edition > MAX_EDITIONS) {
            throw new IllegalArgumentException("'edition' must be 1 to " + MAX_EDITIONS + ", got " + edition);
        }
    }

    private static void checkPrev(long prev) {
        if (prev < 0 || prev > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("'prev' must be a log index (0 to 2^53-1), got " + prev);
        }
    }
}
