package org.pujiang.ledger.asset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Decides what an uploaded file is from its bytes, not its name: PNG, JPEG, GLB, glTF JSON, MP3, WAV, Ogg or FLAC,
 * by parsing the header and the structure around it (PNG chunks and their CRCs, JPEG marker segments, the GLB
 * header, chunks and JSON, RIFF chunks, ...). Pixels and audio samples are not decoded. A file whose content is one
 * format and whose name says another is refused as a mismatch, so a PNG named {@code .glb} never becomes a "model".
 * Pure; safe from any thread.
 */
public final class MediaCheck {
    public static final String EMPTY = "asset:file.empty";
    public static final String UNSUPPORTED = "asset:format.unsupported";
    public static final String CORRUPT = "asset:format.corrupt";
    public static final String MISMATCH = "asset:format.mismatch";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private MediaCheck() {}

    /** Thrown inside a parser: the file claims a format but breaks its structure. */
    private static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    public static MediaVerdict inspect(byte[] file, String fileName) {
        if (file == null || file.length == 0) {
            return new MediaVerdict.Rejected(EMPTY, "the file is empty");
        }
        Optional<MediaFormat> claimed = MediaFormat.byExtension(fileName);
        Optional<MediaFormat> sniffed = sniff(file);
        if (sniffed.isEmpty()) {
            return claimed.<MediaVerdict>map(f -> new MediaVerdict.Rejected(CORRUPT, "the file is named ." + ext(fileName)
                            + " but does not start like a " + f.wireName().toUpperCase(java.util.Locale.ROOT) + " file"))
                    .orElseGet(() -> new MediaVerdict.Rejected(UNSUPPORTED, "the file is none of the formats an asset may"
                            + " have: GLB or glTF models, PNG or JPEG images, MP3, WAV, Ogg or FLAC audio"));
        }
        MediaFormat format = sniffed.get();
        if (claimed.isPresent() && claimed.get() != format) {
            return new MediaVerdict.Rejected(MISMATCH, "the file is " + article(format) + " but its name says ."
                    + ext(fileName) + " (" + claimed.get().wireName().toUpperCase(java.util.Locale.ROOT) + ")");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            switch (format) {
                case PNG -> png(file, details);
                case JPEG -> jpeg(file, details);
                case GLB -> glb(file, details);
                case GLTF -> gltf(json(file, 0, file.length, "the glTF file"), details, false);
                case WAV -> wav(file, details);
                case OGG -> ogg(file, details);
                case FLAC -> flac(file, details);
                case MP3 -> mp3(file, details);
                default -> throw new IllegalStateException(format.name());
            }
        } catch (Corrupt e) {
            return new MediaVerdict.Rejected(CORRUPT, "the " + format.wireName().toUpperCase(java.util.Locale.ROOT)
                    + " file is damaged: " + e.getMessage());
        }
        return new MediaVerdict.Accepted(format, format.mime(), details);
    }

    private static String article(MediaFormat f) {
        String n = f.wireName().toUpperCase(java.util.Locale.ROOT);
        return ("AEIOU".indexOf(n.charAt(0)) >= 0 || n.equals("MP3") || n.equals("FLAC") ? "an " : "a ") + n;
    }

    private static String ext(String fileName) {
        return fileName.substring(fileName.lastIndexOf('.') + 1);
    }

    /** The format the first bytes announce. */
    static Optional<MediaFormat> sniff(byte[] f) {
        if (startsWith(f, PNG_SIGNATURE)) {
            return Optional.of(MediaFormat.PNG);
        }
        if (f.length >= 3 && (f[0] & 0xFF) == 0xFF && (f[1] & 0xFF) == 0xD8 && (f[2] & 0xFF) == 0xFF) {
            return Optional.of(MediaFormat.JPEG);
        }
        if (startsWith(f, "glTF".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(MediaFormat.GLB);
        }
        if (startsWith(f, "RIFF".getBytes(StandardCharsets.US_ASCII)) && f.length >= 12
                && new String(f, 8, 4, StandardCharsets.US_ASCII).equals("WAVE")) {
            return Optional.of(MediaFormat.WAV);
        }
        if (startsWith(f, "OggS".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(MediaFormat.OGG);
        }
        if (startsWith(f, "fLaC".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(MediaFormat.FLAC);
        }
        if (startsWith(f, "ID3".getBytes(StandardCharsets.US_ASCII)) || mpegFrame(f, 0)) {
            return Optional.of(MediaFormat.MP3);
        }
        int i = 0;
        if (f.length >= 3 && (f[0] & 0xFF) == 0xEF && (f[1] & 0xFF) == 0xBB && (f[2] & 0xFF) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        while (i < f.length && (f[i] == ' ' || f[i] == '\n' || f[i] == '\r' || f[i] == '\t')) {
            i++;
        }
        if (i < f.length && f[i] == '{') {
            return Optional.of(MediaFormat.GLTF); // checked as glTF JSON; any other JSON is corrupt glTF
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] f, byte[] prefix) {
        if (f.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (f[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long u32be(byte[] f, int at) {
        return ((long) (f[at] & 0xFF) << 24) | ((f[at + 1] & 0xFF) << 16) | ((f[at + 2] & 0xFF) << 8) | (f[at + 3] & 0xFF);
    }

    private static long u32le(byte[] f, int at) {
        return ((long) (f[at + 3] & 0xFF) << 24) | ((f[at + 2] & 0xFF) << 16) | ((f[at + 1] & 0xFF) << 8) | (f[at] & 0xFF);
    }

    private static int u16be(byte[] f, int at) {
        return ((f[at] & 0xFF) << 8) | (f[at + 1] & 0xFF);
    }

    private static int u16le(byte[] f, int at) {
        return ((f[at + 1] & 0xFF) << 8) | (f[at] & 0xFF);
    }

    // PNG (ISO/IEC 15948): signature, IHDR first, every chunk's CRC, IEND last.
    private static void png(byte[] f, Map<String, Object> details) throws Corrupt {
        int at = 8;
        boolean first = true;
        while (true) {
            if (at + 12 > f.length) {
                throw new Corrupt("it ends before its IEND chunk");
            }
            long length = u32be(f, at);
            if (length > f.length - at - 12) {
                throw new Corrupt("a chunk at byte " + at + " claims " + length + " bytes, past the end of the file");
            }
            String type = new String(f, at + 4, 4, StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(f, at + 4, 4 + (int) length);
            if (crc.getValue() != u32be(f, at + 8 + (int) length)) {
                throw new Corrupt("the CRC of its " + type + " chunk is wrong");
            }
            if (first) {
                if (!type.equals("IHDR") || length != 13) {
                    throw new Corrupt("its first chunk is not a 13-byte IHDR");
                }
                long width = u32be(f, at + 8);
                long height = u32be(f, at + 12);
                if (width == 0 || height == 0) {
                    throw new Corrupt("its width or height is zero");
                }
                details.put("width", width);
                details.put("height", height);
                first = false;
            }
            at += 12 + (int) length;
            if (type.equals("IEND")) {
                return;
            }
        }
    }

    // JPEG (ITU T.81): SOI, marker segments, a frame header, entropy-coded data, EOI.
    private static void jpeg(byte[] f, Map<String, Object> details) throws Corrupt {
        int at = 2;
        boolean frame = false;
        while (true) {
            if (at + 2 > f.length) {
                throw new Corrupt("it ends before its end-of-image marker");
            }
            if ((f[at] & 0xFF) != 0xFF) {
                throw new Corrupt("expected a marker at byte " + at);
            }
            int marker = f[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            at += 2;
            if (marker == 0xD9) {
                if (!frame) {
                    throw new Corrupt("it has no frame header (SOF)");
                }
                return;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers
            }
            if (at + 2 > f.length) {
                throw new Corrupt("a segment at byte " + at + " is cut off");
            }
            int length = u16be(f, at);
            if (length < 2 || at + length > f.length) {
                throw new Corrupt("a segment at byte " + at + " claims " + length + " bytes, past the end of the file");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (length < 8) {
                    throw new Corrupt("its frame header is too short");
                }
                details.put("height", u16be(f, at + 3));
                details.put("width", u16be(f, at + 5));
                frame = true;
            }
            at += length;
            if (marker == 0xDA) { // start of scan: entropy-coded data up to the next real marker
                while (true) {
                    if (at + 1 >= f.length) {
                        throw new Corrupt("its image data ends without an end-of-image marker");
                    }
                    if ((f[at] & 0xFF) == 0xFF) {
                        int next = f[at + 1] & 0xFF;
                        if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
                            break;
                        }
                    }
                    at++;
                }
            }
        }
    }

    // GLB (glTF 2.0 §4.4): 12-byte header, a JSON chunk, an optional BIN chunk, nothing else.
    private static void glb(byte[] f, Map<String, Object> details) throws Corrupt {
        if (f.length < 20) {
            throw new Corrupt("it is shorter than a GLB header and one chunk");
        }
        long version = u32le(f, 4);
        if (version != 2) {
            throw new Corrupt("its version is " + version + "; only glTF 2 is supported");
        }
        long length = u32le(f, 8);
        if (length != f.length) {
            throw new Corrupt("its header says " + length + " bytes but the file has " + f.length);
        }
        long jsonLength = u32le(f, 12);
        if (u32le(f, 16) != 0x4E4F534AL) {
            throw new Corrupt("its first chunk is not JSON");
        }
        if (jsonLength > f.length - 20 || jsonLength % 4 != 0) {
            throw new Corrupt("its JSON chunk length " + jsonLength + " does not fit the file (or is not padded to 4)");
        }
        JsonNode doc = json(f, 20, (int) jsonLength, "its JSON chunk");
        int at = 20 + (int) jsonLength;
        boolean bin = false;
        if (at < f.length) {
            if (at + 8 > f.length) {
                throw new Corrupt("it has a cut-off chunk header at byte " + at);
            }
            long binLength = u32le(f, at);
            if (u32le(f, at + 4) != 0x004E4942L) {
                throw new Corrupt("its second chunk is not BIN");
            }
            if (binLength != f.length - at - 8) {
                throw new Corrupt("its BIN chunk length " + binLength + " does not match the rest of the file");
            }
            bin = true;
        }
        gltf(doc, details, bin);
    }

    private static JsonNode json(byte[] f, int offset, int length, String what) throws Corrupt {
        try {
            JsonNode doc = JSON.readTree(new String(f, offset, length, StandardCharsets.UTF_8).strip()
                    .replace("\uFEFF", ""));
            if (doc == null || !doc.isObject()) {
                throw new Corrupt(what + " is not a JSON object");
            }
            return doc;
        } catch (IOException e) {
            throw new Corrupt(what + " is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** The glTF 2.0 document: asset.version 2.0, and no reference to a file outside (we never fetch one). */
    private static void gltf(JsonNode doc, Map<String, Object> details, boolean hasBin) throws Corrupt {
        JsonNode version = doc.path("asset").path("version");
        if (!version.isTextual() || !version.asText().equals("2.0")) {
            throw new Corrupt("asset.version is not \"2.0\"");
        }
        for (String kind : new String[] {"buffers", "images"}) {
            JsonNode list = doc.path(kind);
            if (list.isMissingNode()) {
                continue;
            }
            if (!list.isArray()) {
                throw new Corrupt(kind + " is not an array");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode uri = list.get(i).path("uri");
                if (uri.isMissingNode()) {
                    if (kind.equals("buffers") && (i != 0 || !hasBin)) {
                        throw new Corrupt("buffers[" + i + "] has no uri and no BIN chunk holds it");
                    }
                    continue;
                }
                if (!uri.isTextual() || !uri.asText().startsWith("data:")) {
                    throw new Corrupt(kind + "[" + i + "] refers to an outside file (" + abbreviate(uri.asText())
                            + "); upload a .glb, or a .gltf with everything embedded as data: URIs");
                }
            }
        }
        details.put("meshes", doc.path("meshes").size());
        details.put("nodes", doc.path("nodes").size());
    }

    // WAV: RIFF/WAVE chunks with a fmt chunk.
    private static void wav(byte[] f, Map<String, Object> details) throws Corrupt {
        long riff = u32le(f, 4);
        if (riff + 8 > f.length + 1L) {
            throw new Corrupt("its RIFF header says " + (riff + 8) + " bytes but the file has " + f.length);
        }
        int at = 12;
        boolean fmt = false;
        boolean data = false;
        while (at + 8 <= f.length) {
            String id = new String(f, at, 4, StandardCharsets.ISO_8859_1);
            long size = u32le(f, at + 4);
            if (size > f.length - at - 8) {
                throw new Corrupt("its " + id.strip() + " chunk runs past the end of the file");
            }
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new Corrupt("its fmt chunk is too short");
                }
                details.put("channels", u16le(f, at + 10));
                details.put("sampleRate", u32le(f, at + 12));
                fmt = true;
            } else if (id.equals("data")) {
                data = true;
            }
            at += 8 + (int) size + (int) (size & 1);
        }
        if (!fmt || !data) {
            throw new Corrupt("it has no " + (fmt ? "data" : "fmt") + " chunk");
        }
    }

    // Ogg (RFC 3533): the first page header.
    private static void ogg(byte[] f, Map<String, Object> details) throws Corrupt {
        if (f.length < 27 || f[4] != 0) {
            throw new Corrupt("its first page header is cut off or of an unknown version");
        }
        int segments = f[26] & 0xFF;
        if (27 + segments > f.length) {
            throw new Corrupt("its first page's segment table runs past the end of the file");
        }
        int body = 0;
        for (int i = 0; i < segments; i++) {
            body += f[27 + i] & 0xFF;
        }
        if (27 + segments + body > f.length) {
            throw new Corrupt("its first page runs past the end of the file");
        }
        details.put("firstPageBytes", 27 + segments + body);
    }

    // FLAC: "fLaC", then a STREAMINFO metadata block of 34 bytes.
    private static void flac(byte[] f, Map<String, Object> details) throws Corrupt {
        if (f.length < 42 || (f[4] & 0x7F) != 0 || ((f[5] & 0xFF) << 16 | (f[6] & 0xFF) << 8 | (f[7] & 0xFF)) != 34) {
            throw new Corrupt("it does not begin with a 34-byte STREAMINFO block");
        }
        long sampleRate = ((long) (f[18] & 0xFF) << 12) | ((f[19] & 0xFF) << 4) | ((f[20] & 0xF0) >> 4);
        if (sampleRate == 0) {
            throw new Corrupt("its sample rate is zero");
        }
        details.put("sampleRate", sampleRate);
    }

    // MP3: an optional ID3v2 tag, then an MPEG audio frame header.
    private static void mp3(byte[] f, Map<String, Object> details) throws Corrupt {
        int at = 0;
        if (f.length >= 10 && f[0] == 'I' && f[1] == 'D' && f[2] == '3') {
            int size = ((f[6] & 0x7F) << 21) | ((f[7] & 0x7F) << 14) | ((f[8] & 0x7F) << 7) | (f[9] & 0x7F);
            at = 10 + size + ((f[5] & 0x10) != 0 ? 10 : 0);
            if (at >= f.length) {
                throw new Corrupt("it holds only an ID3 tag, no audio");
            }
        }
        if (!mpegFrame(f, at)) {
            throw new Corrupt("no MPEG audio frame follows " + (at == 0 ? "the start" : "the ID3 tag"));
        }
        details.put("firstFrameAt", at);
    }

    /** Whether an MPEG audio frame header (sync, a real layer, bitrate and sample rate) starts at {@code at}. */
    private static boolean mpegFrame(byte[] f, int at) {
        if (at + 4 > f.length) {
            return false;
        }
        int b1 = f[at + 1] & 0xFF;
        int b2 = f[at + 2] & 0xFF;
        return (f[at] & 0xFF) == 0xFF && (b1 & 0xE0) == 0xE0 && (b1 & 0x18) != 0x08 && (b1 & 0x06) != 0
                && (b2 & 0xF0) != 0xF0 && (b2 & 0x0C) != 0x0C;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }
}
