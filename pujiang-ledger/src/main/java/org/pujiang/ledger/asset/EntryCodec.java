package org.pujiang.ledger.asset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The canonical encoding of {@link LedgerEntry} (RFC 8785 JCS, restricted to flat objects of strings and integers),
 * written by hand: each kind writes its keys in their sorted order, so encoding a transfer on the log writer's hot
 * path makes one byte array and nothing else worth counting. Decoding reads with Jackson's streaming parser (which
 * checks the JSON grammar and UTF-8), does its own checks for what JCS forbids and what entries may hold, and then
 * re-encodes: bytes that do not come back identical are "not canonical". Stateless; safe from any thread.
 */
final class EntryCodec {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private EntryCodec() {}

    // ---- encoding

    static byte[] encode(LedgerEntry entry) {
        Out o = new Out();
        // Keys in RFC 8785 §3.2.3 order (UTF-16 code units); EntryCodecTest checks each list against a sort.
        switch (entry) {
            case LedgerEntry.Register r -> {
                o.open("asset").string(r.asset().toString());
                o.key("at").integer(r.at());
                o.key("contentHash").string(r.contentHash());
                o.key("creator").string(r.creator().toString());
                o.key("editions").integer(r.editions());
                o.key("format").string(r.format().wireName());
                o.key("kind").string("register");
                o.key("licence").string(r.licence());
                o.key("size").integer(r.size());
                o.key("title").string(r.title());
            }
            case LedgerEntry.Mint m -> {
                o.open("asset").string(m.asset().toString());
                o.key("at").integer(m.at());
                o.key("count").integer(m.count());
                o.key("first").integer(m.first());
                o.key("kind").string("mint");
                o.key("to").string(m.to().toString());
            }
            case LedgerEntry.Transfer t -> {
                o.open("asset").string(t.asset().toString());
                o.key("at").integer(t.at());
                o.key("edition").integer(t.edition());
                o.key("from").string(t.from().toString());
                o.key("kind").string("transfer");
                o.key("prev").integer(t.prev());
                o.key("to").string(t.to().toString());
            }
            case LedgerEntry.Burn b -> {
                o.open("asset").string(b.asset().toString());
                o.key("at").integer(b.at());
                o.key("edition").integer(b.edition());
                o.key("from").string(b.from().toString());
                o.key("kind").string("burn");
                o.key("prev").integer(b.prev());
            }
        }
        o.key("v").integer(LedgerEntry.VERSION);
        return o.close();
    }

    /** A growable byte buffer that writes JSON tokens. */
    private static final class Out {
        private byte[] buf = new byte[256];
        private int n;

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        private void put(int b) {
            ensure(1);
            buf[n++] = (byte) b;
        }

        Out open(String firstKey) {
            put('{');
            return name(firstKey);
        }

        Out key(String key) {
            put(',');
            return name(key);
        }

        private Out name(String key) {
            string(key);
            put(':');
            return this;
        }

        void integer(long v) {
            // Long.toString gives the shortest form with no '+' and no leading zeros, as JCS (ES6 Number) writes
            // integers; entries' integers are all far below 2^53.
            String s = Long.toString(v);
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[n++] = (byte) s.charAt(i);
            }
        }

        /** RFC 8785 §3.2.2.2: escape only " \ and the controls (the seven with short forms, the rest &#92;u00xx). */
        Out string(String s) {
            ensure(s.length() * 3 + 2);
            buf[n++] = '"';
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80) {
                    if (c == '"' || c == '\\') {
                        put('\\');
                    }
                    put(c);
                } else if (c < 0x20) {
                    switch (c) {
                        case '\b' -> escape('b');
                        case '\f' -> escape('f');
                        case '\n' -> escape('n');
                        case '\r' -> escape('r');
                        case '\t' -> escape('t');
                        default -> {
                            ensure(6);
                            buf[n++] = '\\';
                            buf[n++] = 'u';
                            buf[n++] = '0';
                            buf[n++] = '0';
                            buf[n++] = HEX[c >> 4];
                            buf[n++] = HEX[c & 0xF];
                        }
                    }
                } else if (c < 0x800) {
                    put(0xC0 | c >> 6);
                    put(0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    put(0xF0 | cp >> 18);
                    put(0x80 | cp >> 12 & 0x3F);
                    put(0x80 | cp >> 6 & 0x3F);
                    put(0x80 | cp & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    // The records refuse such text; reaching here is a bug.
                    throw new IllegalArgumentException("unpaired surrogate at index " + i + " of a string");
                } else {
                    put(0xE0 | c >> 12);
                    put(0x80 | c >> 6 & 0x3F);
                    put(0x80 | c & 0x3F);
                }
            }
            put('"');
            return this;
        }

        private void escape(char c) {
            put('\\');
            put(c);
        }

        byte[] close() {
            put('}');
            return Arrays.copyOf(buf, n);
        }
    }

    // ---- decoding

    /** A value of a kind entries never hold (boolean, object, array), kept to name it in the message. */
    private record Other(String what) {}

    static LedgerEntry decode(byte[] bytes) throws EntryFormatException {
        if (bytes == null || bytes.length == 0) {
            throw new EntryFormatException("empty: an entry is a JSON object");
        }
        Map<String, Object> fields = parse(bytes);
        Fields f = new Fields(fields);
        long v = f.integer("v");
        if (v != LedgerEntry.VERSION) {
            throw new EntryFormatException("unknown version: 'v' is " + v + ", this code reads " + LedgerEntry.VERSION);
        }
        String kind = f.string("kind");
        String[] keys = switch (kind) {
            case "register" -> new String[] {"v", "kind", "at", "asset", "contentHash", "creator", "editions",
                    "format", "licence", "size", "title"};
            case "mint" -> new String[] {"v", "kind", "at", "asset", "count", "first", "to"};
            case "transfer" -> new String[] {"v", "kind", "at", "asset", "edition", "from", "prev", "to"};
            case "burn" -> new String[] {"v", "kind", "at", "asset", "edition", "from", "prev"};
            default -> throw new EntryFormatException("unknown kind: 'kind' is \"" + kind
                    + "\" (register, mint, transfer or burn)");
        };
        for (String key : fields.keySet()) {
            if (!Arrays.asList(keys).contains(key)) {
                throw new EntryFormatException("unknown key '" + key + "' in a " + kind + " entry");
            }
        }
        LedgerEntry entry;
        try {
            AssetId asset = AssetId.parse(f.id("asset"));
            long at = f.integer("at");
            entry = switch (kind) {
                case "register" -> {
                    String format = f.string("format");
                    yield new LedgerEntry.Register(asset, f.string("contentHash"),
                            MediaFormat.fromWire(format).orElseThrow(() -> new EntryFormatException(
                                    "unknown format: 'format' is \"" + format + "\"")),
                            f.integer("size"), f.string("title"), AccountId.parse(f.id("creator")), f.string("licence"),
                            f.int32("editions"), at);
                }
                case "mint" -> new LedgerEntry.Mint(asset, f.int32("first"), f.int32("count"),
                        AccountId.parse(f.id("to")), at);
                case "transfer" -> new LedgerEntry.Transfer(asset, f.int32("edition"), AccountId.parse(f.id("from")),
                        AccountId.parse(f.id("to")), f.integer("prev"), at);
                case "burn" -> new LedgerEntry.Burn(asset, f.int32("edition"), AccountId.parse(f.id("from")),
                        f.integer("prev"), at);
                default -> throw new IllegalStateException(kind);
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            // The records' checks name the key ('editions' must be 1 to 100000, ...).
            throw new EntryFormatException("invalid " + kind + " entry: " + e.getMessage());
        }
        if (!Arrays.equals(entry.encode(), bytes)) {
            throw new EntryFormatException("not canonical: re-encoding the " + kind + " entry gives other bytes"
                    + " (RFC 8785 form: sorted keys, no whitespace, minimal escapes)");
        }
        return entry;
    }

    /** Reads one flat JSON object into key → String | Long; refuses what JCS or entries never hold, by key. */
    private static Map<String, Object> parse(byte[] bytes) throws EntryFormatException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EntryFormatException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (fields.containsKey(key)) {
                    // RFC 8785 §3.1 (I-JSON, RFC 7493 §2.3): names are unique.
                    throw new EntryFormatException("duplicate key '" + key + "'");
                }
                Object value = switch (p.nextToken()) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> {
                        JsonParser.NumberType nt = p.getNumberType();
                        if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
                            throw new EntryFormatException("'" + key + "' is out of range: " + p.getText());
                        }
                        yield p.getLongValue();
                    }
                    case VALUE_NUMBER_FLOAT -> throw new EntryFormatException("'" + key + "' is a float ("
                            + p.getText() + "); entries hold integers only");
                    case VALUE_NULL -> throw new EntryFormatException("'" + key + "' is null; entries leave out absent"
                            + " values instead");
                    case VALUE_TRUE, VALUE_FALSE -> new Other("a boolean");
                    case START_OBJECT -> {
                        p.skipChildren();
                        yield new Other("an object");
                    }
                    case START_ARRAY -> {
                        p.skipChildren();
                        yield new Other("an array");
                    }
                    default -> throw new EntryFormatException("'" + key + "' has no value");
                };
                fields.put(key, value);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new EntryFormatException("not a JSON object");
            }
            if (p.nextToken() != null) {
                throw new EntryFormatException("not canonical: something follows the object");
            }
        } catch (JsonProcessingException e) {
            throw new EntryFormatException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EntryFormatException("not JSON: " + e.getMessage());
        }
        return fields;
    }

    /** Typed access to the parsed fields, with messages naming the key. */
    private record Fields(Map<String, Object> map) {
        private Object get(String key) throws EntryFormatException {
            Object v = map.get(key);
            if (v == null) {
                throw new EntryFormatException("missing key '" + key + "'");
            }
            return v;
        }

        String string(String key) throws EntryFormatException {
            Object v = get(key);
            if (v instanceof String s) {
                return s;
            }
            throw new EntryFormatException("'" + key + "' must be a string, got " + what(v));
        }

        long integer(String key) throws EntryFormatException {
            Object v = get(key);
            if (v instanceof Long n) {
                return n;
            }
            throw new EntryFormatException("'" + key + "' must be an integer, got " + what(v));
        }

        int int32(String key) throws EntryFormatException {
            long v = integer(key);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new EntryFormatException("'" + key + "' is out of range: " + v);
            }
            return (int) v;
        }

        /** A string that must be a canonical (lower-case) UUID. */
        String id(String key) throws EntryFormatException {
            String s = string(key);
            if (!Uuids.isCanonical(s)) {
                throw new EntryFormatException("'" + key + "' must be a lower-case UUID, got \"" + s + "\"");
            }
            return s;
        }

        private static String what(Object v) {
            return switch (v) {
                case String s -> "a string";
                case Long n -> "an integer";
                case Other o -> o.what();
                default -> v.getClass().getSimpleName();
            };
        }
    }
}
