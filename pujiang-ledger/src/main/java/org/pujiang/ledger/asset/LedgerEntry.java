package org.pujiang.ledger.asset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One entry of the asset log, and its canonical encoding: the exact bytes that are the Merkle leaf
 * (docs/ledger.md, "Entries"). The encoding is JSON in the RFC 8785 (JCS) canonical form restricted to what entries
 * use: UTF-8, no whitespace, object keys sorted, strings with minimal escapes, integers only, no nulls. There is no
 * price, sale or order field, and decoding refuses any key it does not know, so none can be smuggled in.
 */
public sealed interface LedgerEntry {
    int VERSION = 1;

    AssetId asset();

    /** When the log accepted it, epoch milliseconds. */
    long at();

    /** {@code register}, {@code mint}, {@code transfer} or {@code burn}. */
    String kind();

    /** The canonical bytes. */
    default byte[] encode() {
        return Canonical.encode(fields()).getBytes(StandardCharsets.UTF_8);
    }

    /** Every field, as written (strings and longs). */
    Map<String, Object> fields();

    /** An asset comes into being: its file's hash and format, title, creator, licence and edition count. */
    record Register(AssetId asset, String contentHash, MediaFormat format, long size, String title, AccountId creator,
            String licence, int editions, long at) implements LedgerEntry {
        public String kind() {
            return "register";
        }

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
        public String kind() {
            return "mint";
        }

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
        public String kind() {
            return "transfer";
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = base(this);
            m.put("edition", (long) edition);
            m.put("from", from.toString());
            m.put("to", to.toString());
            m.put("prev", prev);
            return m;
        }
    }

    /** An edition is destroyed by its holder. */
    record Burn(AssetId asset, int edition, AccountId from, long prev, long at) implements LedgerEntry {
        public String kind() {
            return "burn";
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = base(this);
            m.put("edition", (long) edition);
            m.put("from", from.toString());
            m.put("prev", prev);
            return m;
        }
    }

    private static Map<String, Object> base(LedgerEntry e) {
        Map<String, Object> m = new TreeMap<>();
        m.put("v", (long) VERSION);
        m.put("kind", e.kind());
        m.put("asset", e.asset().toString());
        m.put("at", e.at());
        return m;
    }

    /**
     * Decodes canonical entry bytes.
     *
     * @throws EntryFormatException when the bytes are not exactly the canonical encoding of an entry (naming the key)
     */
    static LedgerEntry decode(byte[] bytes) throws EntryFormatException {
        JsonNode doc;
        try {
            doc = Canonical.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new EntryFormatException("not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()));
        }
        if (doc == null || !doc.isObject()) {
            throw new EntryFormatException("not a JSON object");
        }
        Reader r = new Reader(doc);
        long v = r.integer("v");
        if (v != VERSION) {
            throw new EntryFormatException("unknown version v=" + v);
        }
        String kind = r.text("kind");
        AssetId asset = r.id("asset", AssetId::parse);
        long at = r.integer("at");
        LedgerEntry entry = switch (kind) {
            case "register" -> {
                String hash = r.text("contentHash");
                if (!hash.matches("sha256:[0-9a-f]{64}")) {
                    throw new EntryFormatException("contentHash must be sha256: and 64 lower-case hex digits");
                }
                String f = r.text("format");
                MediaFormat format = MediaFormat.fromWire(f)
                        .orElseThrow(() -> new EntryFormatException("unknown format '" + f + "'"));
                yield new Register(asset, hash, format, r.integer("size"), r.text("title"),
                        r.id("creator", AccountId::parse), r.text("licence"), r.int32("editions"), at);
            }
            case "mint" -> new Mint(asset, r.int32("first"), r.int32("count"), r.id("to", AccountId::parse), at);
            case "transfer" -> new Transfer(asset, r.int32("edition"), r.id("from", AccountId::parse),
                    r.id("to", AccountId::parse), r.integer("prev"), at);
            case "burn" -> new Burn(asset, r.int32("edition"), r.id("from", AccountId::parse), r.integer("prev"), at);
            default -> throw new EntryFormatException("unknown kind '" + kind + "'");
        };
        Set<String> known = entry.fields().keySet();
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new EntryFormatException("unknown key '" + key + "' in a " + kind + " entry");
            }
        }
        if (!java.util.Arrays.equals(entry.encode(), bytes)) {
            throw new EntryFormatException("not canonical: re-encoding the " + kind + " entry gives other bytes");
        }
        return entry;
    }

    /** Reads typed fields of a decoded entry, with messages naming the key. */
    final class Reader {
        private final JsonNode doc;

        private Reader(JsonNode doc) {
            this.doc = doc;
        }

        interface Parser<T> {
            T parse(String text);
        }

        private JsonNode field(String key) throws EntryFormatException {
            JsonNode n = doc.get(key);
            if (n == null || n.isNull()) {
                throw new EntryFormatException("missing key '" + key + "'");
            }
            return n;
        }

        String text(String key) throws EntryFormatException {
            JsonNode n = field(key);
            if (!n.isTextual()) {
                throw new EntryFormatException("'" + key + "' must be a string");
            }
            return n.asText();
        }

        long integer(String key) throws EntryFormatException {
            JsonNode n = field(key);
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new EntryFormatException("'" + key + "' must be an integer");
            }
            return n.asLong();
        }

        int int32(String key) throws EntryFormatException {
            long v = integer(key);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new EntryFormatException("'" + key + "' is out of range: " + v);
            }
            return (int) v;
        }

        <T> T id(String key, Parser<T> parser) throws EntryFormatException {
            String s = text(key);
            try {
                return parser.parse(s);
            } catch (IllegalArgumentException e) {
                throw new EntryFormatException("'" + key + "' must be a lower-case UUID");
            }
        }
    }

    /** The canonical JSON writer (JCS for objects of strings and integers). */
    final class Canonical {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

        private Canonical() {}

        static String encode(Map<String, Object> fields) {
            // TreeMap orders by String.compareTo: UTF-16 code units, as RFC 8785 §3.2.3 asks.
            StringBuilder out = new StringBuilder(256).append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : new TreeMap<>(fields).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey());
                out.append(':');
                Object v = e.getValue();
                if (v instanceof Long n) {
                    out.append(n.longValue());
                } else if (v instanceof String s) {
                    string(out, s);
                } else {
                    throw new IllegalArgumentException("entries hold strings and integers only, got " + v);
                }
            }
            return out.append('}').toString();
        }

        /** RFC 8785 §3.2.2.2: only " \ and controls are escaped; the rest is literal UTF-8. */
        static void string(StringBuilder out, String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
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
}
