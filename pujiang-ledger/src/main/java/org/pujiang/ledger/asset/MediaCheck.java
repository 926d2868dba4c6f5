package org.pujiang.ledger.asset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Decides what an uploaded file is from its bytes, not its name: PNG, JPEG, GLB, glTF JSON, MP3, WAV, Ogg or FLAC,
 * by parsing the header and the structure around it (PNG chunks and their CRCs, JPEG marker segments, the GLB
 * header, chunks and JSON, RIFF chunks, Ogg pages and their CRCs, FLAC metadata blocks, MPEG audio frames). Pixels
 * and audio samples are not decoded, and nothing a file refers to is ever fetched. A file whose content is one format
 * and whose name says another is refused as a mismatch, so a PNG named {@code .glb} never becomes a "model".
 *
 * <p>Codes: {@value #EMPTY}, {@value #UNSUPPORTED} (none of ours), {@value #CORRUPT} (it starts like one of ours, or
 * its name says so, but the structure is broken), {@value #MISMATCH} (one of ours, but the name says another).
 * Pure; safe from any thread. Linear in the file's size.
 */
public final class MediaCheck {
    public static final String EMPTY = "asset:file.empty";
    public static final String UNSUPPORTED = "asset:format.unsupported";
    public static final String CORRUPT = "asset:format.corrupt";
    public static final String MISMATCH = "asset:format.mismatch";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final long GLB_MAGIC = 0x46546C67L; // "glTF" little-endian
    private static final long GLB_JSON = 0x4E4F534AL; // "JSON"
    private static final long GLB_BIN = 0x004E4942L; // "BIN\0"
    private static final String OURS = "GLB or glTF models, PNG or JPEG images, MP3, WAV, Ogg or FLAC audio";

    private MediaCheck() {}

    /** Thrown inside a parser: the file claims a format but breaks its structure. */
    private static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown inside a parser: the container is ours but what it holds is not (an Ogg video, JSON that is no glTF). */
    private static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param fileName the name the uploader gave, used only to catch a name that says another format (may be null)
     */
    public static MediaVerdict inspect(byte[] file, String fileName) {
        if (file == null || file.length == 0) {
            return new MediaVerdict.Rejected(EMPTY, "the file is empty");
        }
        Optional<MediaFormat> claimed = MediaFormat.byExtension(fileName);
        Optional<MediaFormat> sniffed = sniff(file);
        if (sniffed.equals(Optional.of(MediaFormat.GLTF)) && claimed.isPresent() && claimed.get() != MediaFormat.GLTF
                && !isGltfJson(file)) {
            // "{" only says JSON: JSON that is no glTF, named .png, is a damaged or false PNG, not a glTF misnamed.
            sniffed = Optional.empty();
        }
        if (sniffed.isEmpty()) {
            if (claimed.isPresent()) {
                return new MediaVerdict.Rejected(CORRUPT, "the file is named ." + ext(fileName)
                        + " but does not start like " + article(claimed.get()) + " file (damaged, or not "
                        + upper(claimed.get()) + " at all)");
            }
            return new MediaVerdict.Rejected(UNSUPPORTED, "the file is none of the formats an asset may have: " + OURS);
        }
        MediaFormat format = sniffed.get();
        if (claimed.isPresent() && claimed.get() != format) {
            return new MediaVerdict.Rejected(MISMATCH, "the file is " + article(format) + " but its name says ."
                    + ext(fileName) + " (" + upper(claimed.get()) + "); rename it ." + format.extensions().get(0)
                    + " if that is what it is");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            switch (format) {
                case PNG -> png(file, details);
                case JPEG -> jpeg(file, details);
                case GLB -> glb(file, details);
                case GLTF -> gltfFile(file, claimed.isPresent(), details);
                case WAV -> wav(file, details);
                case OGG -> ogg(file, details);
                case FLAC -> flac(file, details);
                case MP3 -> mp3(file, details);
            }
        } catch (Corrupt e) {
            return new MediaVerdict.Rejected(CORRUPT, "the " + upper(format) + " file is damaged: " + e.getMessage());
        } catch (Unsupported e) {
            return new MediaVerdict.Rejected(UNSUPPORTED, e.getMessage());
        }
        return new MediaVerdict.Accepted(format, format.mime(), details);
    }

    private static String upper(MediaFormat f) {
        return f == MediaFormat.GLTF ? "glTF" : f.wireName().toUpperCase(Locale.ROOT);
    }

    private static String article(MediaFormat f) {
        // "an" before a vowel sound: an MP3 ("em-"), an Ogg
        return switch (f) {
            case MP3, OGG -> "an ";
            default -> "a ";
        } + upper(f);
    }

    private static String ext(String fileName) {
        return fileName.substring(fileName.lastIndexOf('.') + 1);
    }

    // ---- sniffing: the format the first bytes announce

    static Optional<MediaFormat> sniff(byte[] f) {
        if (startsWith(f, 0, PNG_SIGNATURE)) {
            return Optional.of(MediaFormat.PNG);
        }
        if (f.length >= 3 && u8(f, 0) == 0xFF && u8(f, 1) == 0xD8 && u8(f, 2) == 0xFF) {
            return Optional.of(MediaFormat.JPEG);
        }
        if (startsWith(f, 0, "glTF")) {
            return Optional.of(MediaFormat.GLB);
        }
        if (startsWith(f, 0, "RIFF") && startsWith(f, 8, "WAVE")) {
            return Optional.of(MediaFormat.WAV);
        }
        if (startsWith(f, 0, "OggS")) {
            return Optional.of(MediaFormat.OGG);
        }
        if (startsWith(f, 0, "fLaC")) {
            return Optional.of(MediaFormat.FLAC);
        }
        if (startsWith(f, 0, "ID3")) {
            return Optional.of(MediaFormat.MP3);
        }
        // Eleven set bits are common in random data: a bare frame sync counts only when a second frame (or the end
        // of the file) follows exactly where the first frame ends.
        int len = mpegFrameLength(f, 0);
        if (len > 0 && (len == f.length || mpegFrameLength(f, len) != -1)) {
            return Optional.of(MediaFormat.MP3);
        }
        int i = startsWithBom(f) ? 3 : 0;
        while (i < f.length && (f[i] == ' ' || f[i] == '\n' || f[i] == '\r' || f[i] == '\t')) {
            i++;
        }
        if (i < f.length && f[i] == '{') {
            return Optional.of(MediaFormat.GLTF); // a JSON object: glTF if it says so (gltfFile decides)
        }
        return Optional.empty();
    }

    private static boolean startsWithBom(byte[] f) {
        return f.length >= 3 && u8(f, 0) == 0xEF && u8(f, 1) == 0xBB && u8(f, 2) == 0xBF;
    }

    private static boolean startsWith(byte[] f, int at, byte[] prefix) {
        if (f.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (f[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] f, int at, String ascii) {
        return startsWith(f, at, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int u8(byte[] f, int at) {
        return f[at] & 0xFF;
    }

    private static long u32be(byte[] f, int at) {
        return ((long) u8(f, at) << 24) | (u8(f, at + 1) << 16) | (u8(f, at + 2) << 8) | u8(f, at + 3);
    }

    private static long u32le(byte[] f, int at) {
        return ((long) u8(f, at + 3) << 24) | (u8(f, at + 2) << 16) | (u8(f, at + 1) << 8) | u8(f, at);
    }

    private static int u16be(byte[] f, int at) {
        return (u8(f, at) << 8) | u8(f, at + 1);
    }

    private static int u16le(byte[] f, int at) {
        return (u8(f, at + 1) << 8) | u8(f, at);
    }

    private static String ascii(byte[] f, int at, int n) {
        return new String(f, at, n, StandardCharsets.ISO_8859_1);
    }

    // ---- PNG (ISO/IEC 15948 = W3C PNG 2nd ed.): signature, IHDR first, every CRC, IDATs together, IEND last

    private static void png(byte[] f, Map<String, Object> details) throws Corrupt {
        int at = 8;
        String previous = null;
        boolean plte = false;
        boolean idat = false;
        boolean idatEnded = false;
        int colourType = -1;
        while (true) {
            if (at + 12 > f.length) {
                throw new Corrupt("it ends at byte " + f.length + ", before its IEND chunk");
            }
            long length = u32be(f, at);
            // §5.3: a chunk's length is at most 2^31-1
            if (length > Integer.MAX_VALUE || length > f.length - at - 12L) {
                throw new Corrupt("the chunk at byte " + at + " claims " + length + " bytes, past the end of the file");
            }
            int n = (int) length;
            String type = ascii(f, at + 4, 4);
            if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw new Corrupt("the chunk at byte " + at + " has no valid type");
            }
            CRC32 crc = new CRC32(); // §5.5: over type and data
            crc.update(f, at + 4, 4 + n);
            if (crc.getValue() != u32be(f, at + 8 + n)) {
                throw new Corrupt("the CRC of its " + type + " chunk at byte " + at + " is wrong");
            }
            int data = at + 8;
            if (previous == null) {
                if (!type.equals("IHDR") || n != 13) {
                    throw new Corrupt("its first chunk is not a 13-byte IHDR");
                }
                colourType = ihdr(f, data, details);
            } else {
                switch (type) {
                    case "IHDR" -> throw new Corrupt("it has a second IHDR chunk");
                    case "PLTE" -> {
                        if (plte || idat || n == 0 || n % 3 != 0 || n / 3 > 256) {
                            throw new Corrupt("its PLTE chunk is misplaced or of a bad length (" + n + ")");
                        }
                        plte = true;
                    }
                    case "IDAT" -> {
                        if (idatEnded) {
                            throw new Corrupt("its IDAT chunks are not consecutive"); // §5.6
                        }
                        idat = true;
                    }
                    case "IEND" -> {
                        if (!idat) {
                            throw new Corrupt("it has no image data (IDAT)");
                        }
                        if (colourType == 3 && !plte) {
                            throw new Corrupt("its colour type 3 needs a PLTE chunk, and it has none");
                        }
                        if (n != 0) {
                            throw new Corrupt("its IEND chunk is not empty");
                        }
                        if (at + 12 != f.length) {
                            // IEND ends the datastream; bytes after it are a payload hidden from viewers.
                            throw new Corrupt((f.length - at - 12) + " bytes follow its IEND chunk");
                        }
                        return;
                    }
                    case "acTL" -> details.put("animated", true);
                    default -> {
                        // §5.4: bit 5 of the first byte clear (upper case) marks a critical chunk, which a decoder
                        // that does not know it cannot skip.
                        if (Character.isUpperCase(type.charAt(0))) {
                            throw new Corrupt("it has an unknown critical chunk " + type);
                        }
                    }
                }
                if (idat && !type.equals("IDAT")) {
                    idatEnded = true;
                }
            }
            previous = type;
            at += 12 + n;
        }
    }

    /** §11.2.2 IHDR: size, and a bit depth the colour type allows; returns the colour type. */
    private static int ihdr(byte[] f, int at, Map<String, Object> details) throws Corrupt {
        long width = u32be(f, at);
        long height = u32be(f, at + 4);
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new Corrupt("its size " + width + "×" + height + " is not 1 to 2^31-1 pixels each way");
        }
        int depth = u8(f, at + 8);
        int colour = u8(f, at + 9);
        boolean ok = switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
        if (!ok) {
            throw new Corrupt("its IHDR has colour type " + colour + " with bit depth " + depth + ", which PNG does not"
                    + " allow");
        }
        if (u8(f, at + 10) != 0 || u8(f, at + 11) != 0 || u8(f, at + 12) > 1) {
            throw new Corrupt("its IHDR names an unknown compression, filter or interlace method");
        }
        details.put("width", (int) width);
        details.put("height", (int) height);
        details.put("bitDepth", depth);
        details.put("colourType", colour);
        details.put("interlaced", u8(f, at + 12) == 1);
        return colour;
    }

    // ---- JPEG (ITU-T T.81 Annex B): SOI, marker segments, a frame header, scans, EOI

    private static void jpeg(byte[] f, Map<String, Object> details) throws Corrupt {
        int at = 2; // after SOI (sniffed)
        boolean frame = false;
        int scans = 0;
        while (true) {
            if (at + 2 > f.length) {
                throw new Corrupt("it ends at byte " + f.length + ", before its end-of-image marker");
            }
            if (u8(f, at) != 0xFF) {
                throw new Corrupt("expected a marker at byte " + at);
            }
            int marker = u8(f, at + 1);
            if (marker == 0xFF) {
                at++; // B.1.1.2: any marker may be preceded by fill bytes 0xFF
                continue;
            }
            int markerAt = at;
            at += 2;
            if (marker == 0xD9) { // EOI
                if (!frame || scans == 0) {
                    throw new Corrupt("it ends without " + (frame ? "a scan (SOS)" : "a frame header (SOF)"));
                }
                // Bytes after EOI are allowed: phones append data there (Motion Photo, MPF); viewers ignore them.
                details.put("scans", scans);
                return;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // TEM and RSTn stand alone
            }
            if (marker < 0xC0 || marker == 0xD8) {
                throw new Corrupt("it has an invalid marker FF" + String.format("%02X", marker) + " at byte "
                        + markerAt);
            }
            if (at + 2 > f.length) {
                throw new Corrupt("the segment at byte " + markerAt + " is cut off");
            }
            int length = u16be(f, at);
            if (length < 2 || at + length > f.length) {
                throw new Corrupt("the segment at byte " + markerAt + " claims " + length + " bytes, past the end of"
                        + " the file");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (frame) {
                    throw new Corrupt("it has a second frame header at byte " + markerAt);
                }
                int components = length >= 8 ? u8(f, at + 7) : 0;
                if (length < 8 || components < 1 || components > 4 || length != 8 + 3 * components) {
                    throw new Corrupt("its frame header (SOF) is malformed");
                }
                int height = u16be(f, at + 3);
                int width = u16be(f, at + 5);
                if (width == 0) {
                    throw new Corrupt("its width is zero");
                }
                details.put("width", width);
                details.put("height", height);
                details.put("components", components);
                details.put("progressive", marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE);
                frame = true;
            }
            at += length;
            if (marker == 0xDA) { // SOS: entropy-coded data follows, up to the next marker that is not RSTn
                if (!frame) {
                    throw new Corrupt("it has a scan (SOS) before its frame header (SOF)");
                }
                scans++;
                while (true) {
                    if (at + 1 >= f.length) {
                        throw new Corrupt("its image data ends at byte " + f.length + " without an end-of-image"
                                + " marker");
                    }
                    if (u8(f, at) == 0xFF) {
                        int next = u8(f, at + 1);
                        // B.1.1.5: FF00 is a stuffed data byte; RSTn belong to the scan
                        if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7)) {
                            break;
                        }
                        at++;
                    }
                    at++;
                }
            }
        }
    }

    // ---- GLB (glTF 2.0 §4.4): 12-byte header, a JSON chunk, an optional BIN chunk, then only unknown chunks

    private static void glb(byte[] f, Map<String, Object> details) throws Corrupt {
        if (f.length < 20) {
            throw new Corrupt("it has " + f.length + " bytes, fewer than a header and one chunk header");
        }
        long version = u32le(f, 4);
        if (version != 2) {
            throw new Corrupt("its container version is " + version + "; only glTF 2 is supported");
        }
        long length = u32le(f, 8);
        if (length != f.length) {
            throw new Corrupt("its header says " + length + " bytes but the file has " + f.length);
        }
        int at = 12;
        JsonNode doc = null;
        long binLength = -1;
        for (int index = 0; at < f.length; index++) {
            if (at + 8 > f.length) {
                throw new Corrupt("its chunk header at byte " + at + " is cut off");
            }
            long chunkLength = u32le(f, at);
            long type = u32le(f, at + 4);
            // §4.4.3: chunks start and end on 4-byte boundaries
            if (chunkLength > f.length - at - 8L || chunkLength % 4 != 0) {
                throw new Corrupt("its chunk " + index + " at byte " + at + " claims " + chunkLength + " bytes,"
                        + (chunkLength % 4 != 0 ? " not a multiple of 4" : " past the end of the file"));
            }
            int data = at + 8;
            if (index == 0) {
                if (type != GLB_JSON) {
                    throw new Corrupt("its first chunk is not JSON");
                }
                doc = json(f, data, (int) chunkLength, "its JSON chunk");
            } else if (type == GLB_JSON) {
                throw new Corrupt("it has a second JSON chunk");
            } else if (type == GLB_BIN) {
                if (index != 1) {
                    throw new Corrupt("its BIN chunk is not the second chunk");
                }
                binLength = chunkLength;
            } // §4.4.3.1: chunks of other types are ignored
            at = data + (int) chunkLength;
        }
        gltf(doc, binLength, details);
        if (binLength >= 0) {
            details.put("binBytes", binLength);
        }
    }

    /** Whether the file is JSON with an "asset" (a glTF, maybe a broken one). */
    private static boolean isGltfJson(byte[] f) {
        try {
            gltfFile(f, false, new LinkedHashMap<>());
            return true;
        } catch (Corrupt e) {
            return true;
        } catch (Unsupported e) {
            return false;
        }
    }

    /** A .gltf file: JSON in UTF-8. JSON that does not look like glTF at all is unsupported, unless named .gltf. */
    private static void gltfFile(byte[] f, boolean namedGltf, Map<String, Object> details)
            throws Corrupt, Unsupported {
        JsonNode doc;
        try {
            doc = json(f, 0, f.length, "the file");
        } catch (Corrupt e) {
            if (!namedGltf) {
                throw new Unsupported("the file is not one of the formats an asset may have (" + OURS + ")");
            }
            throw e;
        }
        if (!namedGltf && !doc.has("asset")) {
            throw new Unsupported("the file is JSON but not a glTF model (it has no \"asset\"); an asset may be "
                    + OURS);
        }
        gltf(doc, -1, details);
    }

    private static JsonNode json(byte[] f, int offset, int length, String what) throws Corrupt {
        if (length >= 3 && u8(f, offset) == 0xEF && u8(f, offset + 1) == 0xBB && u8(f, offset + 2) == 0xBF) {
            offset += 3; // glTF 2.0 §3.2: implementations may ignore a byte order mark
            length -= 3;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(f, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Corrupt(what + " is not UTF-8");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Corrupt(what + " is not valid JSON: " + abbreviate(e.getOriginalMessage()));
        }
        if (doc == null || !doc.isObject()) {
            throw new Corrupt(what + " is not a JSON object");
        }
        return doc;
    }

    /**
     * The glTF 2.0 document: asset.version "2.0", and every buffer and image inside the file (a data: URI, the GLB's
     * BIN chunk, or a buffer view): a URI to another file is refused, since we never fetch one.
     *
     * @param binLength the GLB's BIN chunk length, or -1 when there is none
     */
    private static void gltf(JsonNode doc, long binLength, Map<String, Object> details) throws Corrupt {
        JsonNode asset = doc.get("asset");
        if (asset == null || !asset.isObject()) {
            throw new Corrupt("it has no \"asset\" object");
        }
        JsonNode version = asset.get("version");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            throw new Corrupt("asset.version is not \"2.0\"");
        }
        JsonNode minVersion = asset.get("minVersion");
        if (minVersion != null && !(minVersion.isTextual() && minVersion.asText().equals("2.0"))) {
            throw new Corrupt("asset.minVersion asks for a glTF newer than 2.0");
        }
        JsonNode buffers = array(doc, "buffers");
        for (int i = 0; i < buffers.size(); i++) {
            JsonNode b = buffers.get(i);
            JsonNode byteLength = b.get("byteLength");
            if (!b.isObject() || byteLength == null || !byteLength.canConvertToLong() || !byteLength.isIntegralNumber()
                    || byteLength.asLong() < 1) {
                throw new Corrupt("buffers[" + i + "] has no byteLength of 1 or more");
            }
            JsonNode uri = b.get("uri");
            if (uri == null) {
                // §4.4.3.3: only the first buffer may lack a uri, and then it is the BIN chunk
                if (i != 0 || binLength < 0) {
                    throw new Corrupt("buffers[" + i + "] has no uri and no BIN chunk holds it");
                }
                if (byteLength.asLong() > binLength) {
                    throw new Corrupt("buffers[0] is " + byteLength.asLong() + " bytes but the BIN chunk has "
                            + binLength);
                }
            } else {
                long decoded = dataUri(uri, "buffers[" + i + "]");
                if (decoded < byteLength.asLong()) {
                    throw new Corrupt("buffers[" + i + "] is " + byteLength.asLong() + " bytes but its data: URI holds "
                            + decoded);
                }
            }
        }
        JsonNode images = array(doc, "images");
        for (int i = 0; i < images.size(); i++) {
            JsonNode img = images.get(i);
            JsonNode uri = img.get("uri");
            if (uri != null) {
                dataUri(uri, "images[" + i + "]");
            } else if (!img.has("bufferView")) {
                throw new Corrupt("images[" + i + "] has neither a uri nor a bufferView");
            }
        }
        details.put("meshes", array(doc, "meshes").size());
        details.put("nodes", array(doc, "nodes").size());
        details.put("materials", array(doc, "materials").size());
        details.put("images", images.size());
    }

    private static JsonNode array(JsonNode doc, String key) throws Corrupt {
        JsonNode n = doc.get(key);
        if (n == null) {
            return JSON.createArrayNode();
        }
        if (!n.isArray()) {
            throw new Corrupt(key + " is not an array");
        }
        return n;
    }

    /** The decoded length of a base64 data: URI; anything else is a reference to an outside file and refused. */
    private static long dataUri(JsonNode uri, String where) throws Corrupt {
        String s = uri.isTextual() ? uri.asText() : "";
        if (!s.regionMatches(true, 0, "data:", 0, 5)) {
            throw new Corrupt(where + " refers to an outside file (" + abbreviate(uri.toString()) + "), which is never"
                    + " fetched; upload a .glb, or a .gltf with everything embedded as data: URIs");
        }
        int comma = s.indexOf(',');
        if (comma < 0 || !s.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new Corrupt(where + " has a data: URI that is not base64");
        }
        try {
            return Base64.getDecoder().decode(s.substring(comma + 1)).length;
        } catch (IllegalArgumentException e) {
            throw new Corrupt(where + " has a data: URI with bad base64");
        }
    }

    // ---- WAV (RIFF WAVE): chunks inside the RIFF chunk, a valid fmt chunk before the data chunk

    private static void wav(byte[] f, Map<String, Object> details) throws Corrupt {
        long riff = u32le(f, 4);
        if (riff < 4 || riff + 8 > f.length) { // cut off (or a RIFF size of 0 or 2^32-1 from a streaming writer)
            throw new Corrupt("its RIFF header says " + (riff + 8) + " bytes but the file has " + f.length);
        }
        int riffEnd = (int) (riff + 8);
        int at = 12;
        int formatTag = -1;
        int blockAlign = 0;
        long byteRate = 0;
        long dataBytes = -1;
        while (at < f.length) {
            // Some writers put a RIFF size a few bytes short of the chunks they wrote: chunks are read to the end of
            // the file, but what follows the RIFF size and does not look like a chunk is ignored.
            boolean inside = at < riffEnd;
            if (at + 8 > f.length) {
                if (inside) {
                    throw new Corrupt("its chunk header at byte " + at + " is cut off");
                }
                break;
            }
            String id = ascii(f, at, 4);
            long size = u32le(f, at + 4);
            if (size > f.length - at - 8L || !id.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                if (inside) {
                    throw new Corrupt("its \"" + id.strip() + "\" chunk at byte " + at + " runs past the end of the"
                            + " file");
                }
                break;
            }
            int data = at + 8;
            if (id.equals("fmt ")) {
                if (formatTag >= 0 || size < 16) {
                    throw new Corrupt("its fmt chunk is repeated or shorter than 16 bytes");
                }
                formatTag = u16le(f, data);
                int channels = u16le(f, data + 2);
                long sampleRate = u32le(f, data + 4);
                byteRate = u32le(f, data + 8);
                blockAlign = u16le(f, data + 12);
                int bits = u16le(f, data + 14);
                if (formatTag == 0 || channels == 0 || sampleRate == 0 || blockAlign == 0) {
                    throw new Corrupt("its fmt chunk has a zero format, channel count, sample rate or block size");
                }
                // PCM and IEEE float: the block is one sample of every channel, the byte rate follows from it
                if ((formatTag == 1 || formatTag == 3)
                        && (bits == 0 || blockAlign != channels * ((bits + 7) / 8)
                                || byteRate != sampleRate * blockAlign)) {
                    throw new Corrupt("its fmt chunk's block size or byte rate does not match its " + channels
                            + " channels of " + bits + " bits at " + sampleRate + " Hz");
                }
                details.put("formatTag", formatTag);
                details.put("channels", channels);
                details.put("sampleRate", (int) sampleRate);
                details.put("bitsPerSample", bits);
            } else if (id.equals("data")) {
                if (formatTag < 0) {
                    throw new Corrupt("its data chunk comes before its fmt chunk");
                }
                if (dataBytes < 0) {
                    dataBytes = size;
                }
            }
            at = data + (int) size + (int) (size & 1); // chunks are padded to an even length
        }
        if (formatTag < 0 || dataBytes < 0) {
            throw new Corrupt("it has no " + (formatTag < 0 ? "fmt" : "data") + " chunk");
        }
        details.put("dataBytes", dataBytes);
        if (byteRate > 0) {
            details.put("durationMs", dataBytes * 1000 / byteRate);
        }
    }

    // ---- Ogg (RFC 3533): pages from the first to the last byte, each with its CRC; what the first page carries

    private static void ogg(byte[] f, Map<String, Object> details) throws Corrupt, Unsupported {
        int at = 0;
        int pages = 0;
        int lastFlags = 0;
        byte[] firstPacket = null;
        while (at < f.length) {
            if (at + 27 > f.length || !startsWith(f, at, "OggS")) {
                throw new Corrupt(at + 27 > f.length ? "its page at byte " + at + " is cut off"
                        : "no Ogg page starts at byte " + at);
            }
            if (f[at + 4] != 0) {
                throw new Corrupt("its page at byte " + at + " has stream structure version " + u8(f, at + 4));
            }
            int flags = u8(f, at + 5);
            if ((flags & ~0x07) != 0) {
                throw new Corrupt("its page at byte " + at + " has unknown header flags");
            }
            if (pages == 0 && (flags & 0x02) == 0) {
                throw new Corrupt("its first page is not marked beginning-of-stream");
            }
            int segments = u8(f, at + 26);
            if (at + 27 + segments > f.length) {
                throw new Corrupt("the segment table of its page at byte " + at + " is cut off");
            }
            int body = 0;
            for (int i = 0; i < segments; i++) {
                body += u8(f, at + 27 + i);
            }
            int pageLength = 27 + segments + body;
            if (at + pageLength > f.length) {
                throw new Corrupt("its page at byte " + at + " is cut off");
            }
            if (OggCrc.page(f, at, pageLength) != u32le(f, at + 22)) {
                throw new Corrupt("the CRC of its page at byte " + at + " is wrong");
            }
            if (pages == 0) {
                // RFC 3533 §6: the beginning-of-stream page holds the codec's identification header packet
                firstPacket = java.util.Arrays.copyOfRange(f, at + 27 + segments, at + pageLength);
            }
            pages++;
            lastFlags = flags;
            at += pageLength;
        }
        String codec = oggCodec(firstPacket, details);
        if ((lastFlags & 0x04) == 0) {
            // RFC 3533 §4: the last page of a stream is marked end-of-stream; without it the file was cut short
            throw new Corrupt("its last page is not marked end-of-stream (the file is cut short)");
        }
        details.put("codec", codec);
        details.put("pages", pages);
    }

    /** The codec of an Ogg stream by its identification header; audio codecs only. */
    private static String oggCodec(byte[] p, Map<String, Object> details) throws Corrupt, Unsupported {
        if (startsWith(p, 0, "\u0001vorbis")) {
            // Vorbis I §4.2.2: version, channels, rate
            if (p.length < 30 || u32le(p, 7) != 0 || u8(p, 11) == 0 || u32le(p, 12) == 0) {
                throw new Corrupt("its Vorbis identification header is malformed");
            }
            details.put("channels", u8(p, 11));
            details.put("sampleRate", (int) u32le(p, 12));
            return "vorbis";
        }
        if (startsWith(p, 0, "OpusHead")) {
            // RFC 7845 §5.1: version 0..15 is compatible, channel count ≥ 1
            if (p.length < 19 || (u8(p, 8) & 0xF0) != 0 || u8(p, 9) == 0) {
                throw new Corrupt("its Opus identification header is malformed");
            }
            details.put("channels", u8(p, 9));
            details.put("sampleRate", 48_000);
            return "opus";
        }
        if (startsWith(p, 0, "\u007fFLAC")) {
            return "flac";
        }
        if (startsWith(p, 0, "Speex   ")) {
            return "speex";
        }
        throw new Unsupported("the Ogg file does not hold Vorbis, Opus, FLAC or Speex audio (video or another codec"
                + " is not an asset format)");
    }

    /** The Ogg page checksum: CRC-32, polynomial 0x04C11DB7, not reflected, initial value 0, no final XOR. */
    static final class OggCrc {
        private static final int[] TABLE = new int[256];

        static {
            for (int i = 0; i < 256; i++) {
                int r = i << 24;
                for (int k = 0; k < 8; k++) {
                    r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
                }
                TABLE[i] = r;
            }
        }

        private OggCrc() {}

        static long of(byte[] b, int offset, int length) {
            int crc = 0;
            for (int i = offset; i < offset + length; i++) {
                crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b[i]) & 0xFF];
            }
            return crc & 0xFFFFFFFFL;
        }

        /** The CRC of a page, computed with its CRC field (bytes 22..25) taken as zero. */
        static long page(byte[] b, int at, int length) {
            int crc = 0;
            for (int i = at; i < at + length; i++) {
                int v = i >= at + 22 && i < at + 26 ? 0 : b[i];
                crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ v) & 0xFF];
            }
            return crc & 0xFFFFFFFFL;
        }
    }

    // ---- FLAC (RFC 9639): "fLaC", STREAMINFO first, metadata blocks to the last-block flag, then a frame

    private static void flac(byte[] f, Map<String, Object> details) throws Corrupt {
        int at = 4;
        boolean last = false;
        for (int index = 0; !last; index++) {
            if (at + 4 > f.length) {
                throw new Corrupt("its metadata block header at byte " + at + " is cut off");
            }
            last = (u8(f, at) & 0x80) != 0;
            int type = u8(f, at) & 0x7F;
            int length = (u8(f, at + 1) << 16) | (u8(f, at + 2) << 8) | u8(f, at + 3);
            int data = at + 4;
            if (type == 127) {
                throw new Corrupt("its metadata block at byte " + at + " has the forbidden type 127");
            }
            if (data + length > f.length) {
                throw new Corrupt("its metadata block at byte " + at + " runs past the end of the file");
            }
            if (index == 0) {
                if (type != 0 || length != 34) {
                    throw new Corrupt("it does not begin with a 34-byte STREAMINFO block");
                }
                streamInfo(f, data, details);
            } else if (type == 0) {
                throw new Corrupt("it has a second STREAMINFO block");
            }
            at = data + length;
        }
        // RFC 9639 §9.1: every frame starts with the 14-bit sync code 0b11111111111110, a reserved 0 bit and the
        // blocking strategy bit
        if (at + 2 > f.length || u8(f, at) != 0xFF || (u8(f, at + 1) & 0xFE) != 0xF8) {
            throw new Corrupt("no audio frame follows its metadata (byte " + at + ")");
        }
    }

    /** RFC 9639 §8.2 STREAMINFO. */
    private static void streamInfo(byte[] f, int at, Map<String, Object> details) throws Corrupt {
        int minBlock = u16be(f, at);
        int maxBlock = u16be(f, at + 2);
        long sampleRate = ((long) u8(f, at + 10) << 12) | (u8(f, at + 11) << 4) | (u8(f, at + 12) >> 4);
        int channels = ((u8(f, at + 12) >> 1) & 0x07) + 1;
        int bits = (((u8(f, at + 12) & 0x01) << 4) | (u8(f, at + 13) >> 4)) + 1;
        long samples = ((long) (u8(f, at + 13) & 0x0F) << 32) | u32be(f, at + 14);
        if (minBlock < 16 || maxBlock < minBlock) {
            throw new Corrupt("its STREAMINFO block sizes " + minBlock + ".." + maxBlock + " are invalid");
        }
        if (sampleRate == 0 || bits < 4) {
            throw new Corrupt("its STREAMINFO has a zero sample rate or fewer than 4 bits per sample");
        }
        details.put("sampleRate", (int) sampleRate);
        details.put("channels", channels);
        details.put("bitsPerSample", bits);
        details.put("totalSamples", samples);
        if (samples > 0) {
            details.put("durationMs", samples * 1000 / sampleRate);
        }
    }

    // ---- MP3 (ISO/IEC 11172-3, 13818-3): an optional ID3v2 tag, MPEG audio frames end to end, optional end tags

    private static final int[][] BITRATES_KBPS = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // MPEG-1 layer II
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // MPEG-1 layer III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // MPEG-2/2.5 layer I
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}, // MPEG-2/2.5 layers II and III
    };
    private static final int[] SAMPLE_RATES = {44_100, 48_000, 32_000};

    private static void mp3(byte[] f, Map<String, Object> details) throws Corrupt {
        int at = 0;
        if (startsWith(f, 0, "ID3")) {
            // ID3v2.3/2.4 §3.1: version 2..4, a 28-bit "syncsafe" size (high bit of each byte clear)
            if (f.length < 10 || u8(f, 3) < 2 || u8(f, 3) > 4 || u8(f, 4) == 0xFF
                    || ((u8(f, 6) | u8(f, 7) | u8(f, 8) | u8(f, 9)) & 0x80) != 0) {
                throw new Corrupt("its ID3v2 tag header is malformed");
            }
            int size = (u8(f, 6) << 21) | (u8(f, 7) << 14) | (u8(f, 8) << 7) | u8(f, 9);
            at = 10 + size + ((u8(f, 5) & 0x10) != 0 ? 10 : 0);
            if (at > f.length) {
                throw new Corrupt("its ID3v2 tag claims " + size + " bytes, past the end of the file");
            }
            while (at < f.length && f[at] == 0) {
                at++; // padding some taggers leave after the tag
            }
            details.put("id3v2", true);
        }
        int first = at;
        int frames = 0;
        long samples = 0;
        int rate = 0;
        while (at < f.length) {
            int len = mpegFrameLength(f, at);
            if (len < 0) {
                if (frames > 0 && endTag(f, at)) {
                    break;
                }
                throw new Corrupt(len == -2 ? "its audio frame at byte " + at + " is cut off"
                        : "no MPEG audio frame " + (frames == 0 ? "follows " + (at == 0 ? "the start" : "the ID3 tag")
                                + " (byte " + at + ")" : "at byte " + at + ", where the previous frame ends"));
            }
            if (frames == 0) {
                int version = (u8(f, at + 1) >> 3) & 0x03;
                int layer = 4 - ((u8(f, at + 1) >> 1) & 0x03);
                details.put("mpegVersion", version == 3 ? "1" : version == 2 ? "2" : "2.5");
                details.put("layer", layer);
                rate = sampleRate(f, at);
                details.put("sampleRate", rate);
                details.put("bitrateKbps", bitrateKbps(f, at));
                details.put("channels", (u8(f, at + 3) >> 6) == 3 ? 1 : 2);
            }
            samples += samplesPerFrame(f, at);
            frames++;
            at += len;
        }
        if (frames == 0) {
            throw new Corrupt("it holds no audio frames");
        }
        details.put("frames", frames);
        details.put("firstFrameAt", first);
        details.put("durationMs", samples * 1000 / rate);
    }

    /** Tags that may follow the last frame: APEv2, Lyrics3, ID3v1 (128 bytes, "TAG"). */
    private static boolean endTag(byte[] f, int at) {
        return startsWith(f, at, "APETAGEX") || startsWith(f, at, "LYRICSBEGIN")
                || (startsWith(f, at, "TAG") && f.length - at == 128);
    }

    /**
     * The length of the MPEG audio frame whose header is at {@code at}: -1 when no valid header is there (sync,
     * version, layer, bitrate, sample rate, emphasis), -2 when the frame runs past the end of the file. Free-format
     * bitrate (index 0) has no computable length and counts as no header.
     */
    static int mpegFrameLength(byte[] f, int at) {
        if (at + 4 > f.length) {
            return -1;
        }
        int b1 = u8(f, at + 1);
        int b2 = u8(f, at + 2);
        int b3 = u8(f, at + 3);
        int version = (b1 >> 3) & 0x03; // 0: 2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1
        int layerBits = (b1 >> 1) & 0x03; // 1: III, 2: II, 3: I
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 0x03;
        if (u8(f, at) != 0xFF || (b1 & 0xE0) != 0xE0 || version == 1 || layerBits == 0 || bitrateIndex == 0
                || bitrateIndex == 15 || rateIndex == 3 || (b3 & 0x03) == 2) {
            return -1;
        }
        int bitrate = bitrateKbps(f, at) * 1000;
        int rate = sampleRate(f, at);
        int padding = (b2 >> 1) & 0x01;
        int length;
        if (layerBits == 3) {
            length = (12 * bitrate / rate + padding) * 4;
        } else if (layerBits == 1 && version != 3) {
            length = 72 * bitrate / rate + padding; // MPEG-2/2.5 layer III: 576 samples a frame
        } else {
            length = 144 * bitrate / rate + padding;
        }
        return at + length > f.length ? -2 : length;
    }

    private static int bitrateKbps(byte[] f, int at) {
        int version = (u8(f, at + 1) >> 3) & 0x03;
        int layerBits = (u8(f, at + 1) >> 1) & 0x03;
        int table = version == 3 ? 3 - layerBits : layerBits == 3 ? 3 : 4;
        return BITRATES_KBPS[table][u8(f, at + 2) >> 4];
    }

    private static int sampleRate(byte[] f, int at) {
        int version = (u8(f, at + 1) >> 3) & 0x03;
        int base = SAMPLE_RATES[(u8(f, at + 2) >> 2) & 0x03];
        return version == 3 ? base : version == 2 ? base / 2 : base / 4;
    }

    private static int samplesPerFrame(byte[] f, int at) {
        int version = (u8(f, at + 1) >> 3) & 0x03;
        int layerBits = (u8(f, at + 1) >> 1) & 0x03;
        return layerBits == 3 ? 384 : layerBits == 2 || version == 3 ? 1152 : 576;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() <= 80 ? line : line.substring(0, 80) + "…";
    }
}
