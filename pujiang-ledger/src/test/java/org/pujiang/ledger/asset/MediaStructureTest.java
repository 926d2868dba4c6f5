package org.pujiang.ledger.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.ledger.asset.TestMedia.concat;
import static org.pujiang.ledger.asset.TestMedia.flip;
import static org.pujiang.ledger.asset.TestMedia.indexOf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MediaCheck} on files built in code ({@link TestMedia}) and broken on purpose: every truncation, every
 * flipped bit a checksum covers, and each structural rule of each format, with the message that names it.
 */
class MediaStructureTest {
    private static MediaVerdict.Accepted accepted(byte[] file, String name, MediaFormat format) {
        MediaVerdict v = MediaCheck.inspect(file, name);
        assertThat(v).as(name + ": " + v).isInstanceOf(MediaVerdict.Accepted.class);
        MediaVerdict.Accepted a = (MediaVerdict.Accepted) v;
        assertThat(a.format()).isEqualTo(format);
        assertThat(a.mime()).isEqualTo(format.mime());
        return a;
    }

    private static MediaVerdict.Rejected rejected(byte[] file, String name, String code) {
        MediaVerdict v = MediaCheck.inspect(file, name);
        assertThat(v).as(name + ": " + v).isInstanceOf(MediaVerdict.Rejected.class);
        MediaVerdict.Rejected r = (MediaVerdict.Rejected) v;
        assertThat(r.code()).as(r.message()).isEqualTo(code);
        return r;
    }

    private static void everyTruncationRejected(byte[] file, String name) {
        for (int n = 1; n < file.length; n++) {
            MediaVerdict v = MediaCheck.inspect(Arrays.copyOf(file, n), name);
            assertThat(v).as("%s cut to %d of %d bytes", name, n, file.length).isInstanceOf(MediaVerdict.Rejected.class);
            assertThat(((MediaVerdict.Rejected) v).code()).as("%s cut to %d", name, n).isEqualTo(MediaCheck.CORRUPT);
        }
    }

    // ---- the verdicts every format shares

    @Test
    void emptyFile() {
        assertThat(rejected(new byte[0], "a.png", MediaCheck.EMPTY).message()).contains("empty");
        rejected(null, "a.png", MediaCheck.EMPTY);
    }

    @Test
    void randomBytesAreNoneOfOurs() {
        Random r = new Random(11643);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + r.nextInt(4000)];
            r.nextBytes(junk);
            junk[0] = (byte) (junk[0] == '{' ? 0 : junk[0]); // a JSON object is checked as glTF; tested below
            MediaVerdict v = MediaCheck.inspect(junk, "upload.bin");
            assertThat(v).as("junk %d", i).isInstanceOf(MediaVerdict.Rejected.class);
            assertThat(((MediaVerdict.Rejected) v).code()).isIn(MediaCheck.UNSUPPORTED, MediaCheck.CORRUPT);
        }
        byte[] junk = new byte[1000];
        new Random(1).nextBytes(junk);
        junk[0] = 1;
        rejected(junk, "noise.bin", MediaCheck.UNSUPPORTED);
        rejected(junk, null, MediaCheck.UNSUPPORTED);
        // The name says one of ours, the bytes say nothing we know: damaged (or not that format at all).
        assertThat(rejected(junk, "noise.png", MediaCheck.CORRUPT).message()).contains("does not start like a PNG");
        rejected(junk, "noise.glb", MediaCheck.CORRUPT);
    }

    @Test
    void otherFormatsAreUnsupported() {
        rejected("hello".getBytes(StandardCharsets.US_ASCII), "notes.txt", MediaCheck.UNSUPPORTED);
        rejected("GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), "anim.gif",
                MediaCheck.UNSUPPORTED);
        rejected("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "doc.pdf", MediaCheck.UNSUPPORTED);
        rejected(new byte[] {'P', 'K', 3, 4, 0, 0}, "model.zip", MediaCheck.UNSUPPORTED);
    }

    @Test
    void aFrameSyncInJunkIsNotAnMp3() {
        byte[] junk = new byte[2000];
        new Random(3).nextBytes(junk);
        byte[] header = TestMedia.mpeg1Frame(false);
        System.arraycopy(header, 0, junk, 0, 4); // one plausible header, then no second frame where it should be
        junk[417] = 0;
        rejected(junk, "x.bin", MediaCheck.UNSUPPORTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "glb", "wav", "ogg", "flac", "mp3", "gltf"})
    void formatSpoofingIsAMismatch(String real) {
        byte[] file = sample(real);
        for (MediaFormat claimed : MediaFormat.values()) {
            String name = "upload." + claimed.extensions().get(0);
            if (claimed.wireName().equals(real)) {
                accepted(file, name, claimed);
            } else {
                MediaVerdict.Rejected r = rejected(file, name, MediaCheck.MISMATCH);
                assertThat(r.message()).contains("its name says ." + claimed.extensions().get(0));
            }
        }
    }

    @Test
    void aPngNamedGlbIsAMismatch() {
        MediaVerdict.Rejected r = rejected(TestMedia.png(2, 2), "tower.glb", MediaCheck.MISMATCH);
        assertThat(r.message()).isEqualTo("the file is a PNG but its name says .glb (GLB); rename it .png if that is"
                + " what it is");
    }

    @Test
    void namesAreReadCaseInsensitivelyAndAreOptional() {
        byte[] png = TestMedia.png(3, 2);
        accepted(png, "PHOTO.PNG", MediaFormat.PNG);
        accepted(png, "photo", MediaFormat.PNG);
        accepted(png, null, MediaFormat.PNG);
        accepted(png, "photo.dat", MediaFormat.PNG); // not a name of ours: the bytes decide
        accepted(TestMedia.imageIo("jpg", 8, 8), "p.JPEG", MediaFormat.JPEG);
        accepted(TestMedia.imageIo("jpg", 8, 8), "p.jpe", MediaFormat.JPEG);
        accepted(TestMedia.ogg(), "voice.opus", MediaFormat.OGG);
    }

    static byte[] sample(String format) {
        return switch (format) {
            case "png" -> TestMedia.png(4, 3);
            case "jpeg" -> TestMedia.imageIo("jpg", 16, 8);
            case "glb" -> TestMedia.glbTriangle();
            case "gltf" -> TestMedia.MINIMAL_GLTF.getBytes(StandardCharsets.UTF_8);
            case "wav" -> TestMedia.wav(8000, 1, 800);
            case "ogg" -> TestMedia.ogg();
            case "flac" -> TestMedia.flac(44_100, 2, 16, 441_000);
            case "mp3" -> TestMedia.mp3(5);
            default -> throw new IllegalArgumentException(format);
        };
    }

    // ---- PNG

    @Nested
    class Png {
        @Test
        void aSmallPngWithCorrectCrcs() {
            MediaVerdict.Accepted a = accepted(TestMedia.png(4, 3), "a.png", MediaFormat.PNG);
            assertThat(a.details()).containsEntry("width", 4).containsEntry("height", 3).containsEntry("bitDepth", 8)
                    .containsEntry("colourType", 2).containsEntry("interlaced", false);
        }

        @Test
        void whatTheJdkWrites() {
            MediaVerdict.Accepted a = accepted(TestMedia.imageIo("png", 64, 48), "a.png", MediaFormat.PNG);
            assertThat(a.details()).containsEntry("width", 64).containsEntry("height", 48);
        }

        @Test
        void truncatedAnywhere() {
            everyTruncationRejected(TestMedia.png(4, 3), "a.png");
        }

        @Test
        void everyFlippedBitInAChunkBreaksItsCrc() {
            byte[] png = TestMedia.png(4, 3);
            for (int i = 8; i < png.length; i++) {
                MediaVerdict v = MediaCheck.inspect(flip(png, i), "a.png");
                assertThat(v).as("byte %d flipped", i).isInstanceOf(MediaVerdict.Rejected.class);
            }
            int idat = indexOf(png, "IDAT");
            assertThat(rejected(flip(png, idat + 6), "a.png", MediaCheck.CORRUPT).message())
                    .contains("CRC of its IDAT chunk");
            assertThat(rejected(flip(png, png.length - 1), "a.png", MediaCheck.CORRUPT).message())
                    .contains("CRC of its IEND chunk");
        }

        @Test
        void structure() {
            byte[] sig = TestMedia.PNG_SIGNATURE;
            byte[] ihdr = TestMedia.chunk("IHDR", TestMedia.ihdr(1, 1, 8, 2));
            byte[] idat = TestMedia.chunk("IDAT", TestMedia.deflate(new byte[] {0, 1, 2, 3}));
            byte[] iend = TestMedia.chunk("IEND", new byte[0]);
            accepted(concat(sig, ihdr, idat, iend), "a.png", MediaFormat.PNG);
            accepted(concat(sig, ihdr, TestMedia.chunk("tEXt", "Title\0Dawn".getBytes(StandardCharsets.ISO_8859_1)),
                    idat, idat, iend), "a.png", MediaFormat.PNG);
            expect(concat(sig, idat, ihdr, iend), "first chunk is not a 13-byte IHDR");
            expect(concat(sig, ihdr, iend), "no image data");
            expect(concat(sig, ihdr, idat, iend, new byte[] {'P', 'K', 3, 4}), "4 bytes follow its IEND");
            expect(concat(sig, ihdr, ihdr, idat, iend), "second IHDR");
            expect(concat(sig, ihdr, idat, TestMedia.chunk("tEXt", new byte[] {'a', 0}), idat, iend),
                    "not consecutive");
            expect(concat(sig, ihdr, TestMedia.chunk("ZZZZ", new byte[2]), idat, iend), "unknown critical chunk ZZZZ");
            expect(concat(sig, TestMedia.chunk("IHDR", TestMedia.ihdr(0, 1, 8, 2)), idat, iend), "is not 1 to");
            expect(concat(sig, TestMedia.chunk("IHDR", TestMedia.ihdr(1, 1, 16, 3)), idat, iend),
                    "colour type 3 with bit depth 16");
            expect(concat(sig, TestMedia.chunk("IHDR", TestMedia.ihdr(1, 1, 8, 5)), idat, iend), "colour type 5");
            expect(concat(sig, TestMedia.chunk("IHDR", TestMedia.ihdr(1, 1, 8, 3)), idat, iend), "needs a PLTE");
            accepted(concat(sig, TestMedia.chunk("IHDR", TestMedia.ihdr(1, 1, 8, 3)),
                    TestMedia.chunk("PLTE", new byte[] {1, 2, 3}), idat, iend), "a.png", MediaFormat.PNG);
            expect(concat(sig, ihdr, TestMedia.chunk("IEND", new byte[] {1})), "no image data");
            // A chunk that claims more bytes than the file has
            byte[] lie = concat(sig, ihdr, idat, iend);
            ByteBuffer.wrap(lie).putInt(8 + ihdr.length, 1 << 30);
            expect(lie, "past the end of the file");
        }

        private void expect(byte[] file, String message) {
            assertThat(rejected(file, "a.png", MediaCheck.CORRUPT).message()).contains(message);
        }
    }

    // ---- JPEG

    @Nested
    class Jpeg {
        @Test
        void whatTheJdkWrites() {
            MediaVerdict.Accepted a = accepted(TestMedia.imageIo("jpg", 40, 24), "a.jpg", MediaFormat.JPEG);
            assertThat(a.details()).containsEntry("width", 40).containsEntry("height", 24)
                    .containsEntry("components", 3).containsEntry("progressive", false).containsEntry("scans", 1);
        }

        @Test
        void truncatedAnywhere() {
            everyTruncationRejected(TestMedia.imageIo("jpg", 16, 8), "a.jpg");
        }

        @Test
        void markerStructure() {
            byte[] jpg = TestMedia.imageIo("jpg", 16, 8);
            // bytes after EOI are tolerated (phones append data there)
            accepted(concat(jpg, "trailer".getBytes(StandardCharsets.US_ASCII)), "a.jpg", MediaFormat.JPEG);
            // no EOI
            rejected(Arrays.copyOf(jpg, jpg.length - 2), "a.jpg", MediaCheck.CORRUPT);
            // SOI and EOI only
            assertThat(rejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, "a.jpg",
                    MediaCheck.CORRUPT).message()).contains("without a frame header");
            // a segment length past the end
            byte[] lie = jpg.clone();
            lie[4] = 0x7F; // APP0 length high byte
            assertThat(rejected(lie, "a.jpg", MediaCheck.CORRUPT).message()).contains("past the end");
            // not a marker where a marker must be
            byte[] noMarker = jpg.clone();
            int afterApp0 = 4 + (((noMarker[4] & 0xFF) << 8) | (noMarker[5] & 0xFF));
            noMarker[afterApp0] = 0x12;
            assertThat(rejected(noMarker, "a.jpg", MediaCheck.CORRUPT).message()).contains("expected a marker");
            // a scan before the frame header: drop the SOF0 segment
            int sof = indexOf(jpg, "\u00FF\u00C0");
            int sofLength = ((jpg[sof + 2] & 0xFF) << 8) | (jpg[sof + 3] & 0xFF);
            byte[] noSof = concat(Arrays.copyOf(jpg, sof), Arrays.copyOfRange(jpg, sof + 2 + sofLength, jpg.length));
            assertThat(rejected(noSof, "a.jpg", MediaCheck.CORRUPT).message()).contains("before its frame header");
            // a reserved marker
            byte[] reserved = jpg.clone();
            reserved[afterApp0 + 1] = 0x02;
            assertThat(rejected(reserved, "a.jpg", MediaCheck.CORRUPT).message()).contains("invalid marker FF02");
        }
    }

    // ---- GLB

    @Nested
    class Glb {
        @Test
        void aTriangleWithItsBinChunk() {
            MediaVerdict.Accepted a = accepted(TestMedia.glbTriangle(), "tri.glb", MediaFormat.GLB);
            assertThat(a.details()).containsEntry("meshes", 1).containsEntry("nodes", 1).containsEntry("binBytes", 36L);
        }

        @Test
        void jsonOnly() {
            accepted(TestMedia.glb(TestMedia.MINIMAL_GLTF), "empty.glb", MediaFormat.GLB);
        }

        @Test
        void truncatedAnywhere() {
            everyTruncationRejected(TestMedia.glbTriangle(), "tri.glb");
        }

        @Test
        void theHeaderLengthMustBeTheFileLength() {
            byte[] glb = TestMedia.glbTriangle();
            for (int delta : new int[] {-4, -1, 1, 4, 1 << 20}) {
                byte[] lie = glb.clone();
                ByteBuffer.wrap(lie).order(ByteOrder.LITTLE_ENDIAN).putInt(8, glb.length + delta);
                assertThat(rejected(lie, "tri.glb", MediaCheck.CORRUPT).message())
                        .contains("header says " + (glb.length + delta) + " bytes but the file has " + glb.length);
            }
            // the header's length, but more bytes follow: an appended payload
            rejected(concat(glb, new byte[8]), "tri.glb", MediaCheck.CORRUPT);
        }

        @Test
        void chunks() {
            byte[] bin = TestMedia.triangleBin();
            byte[] json = TestMedia.glbChunk(TestMedia.JSON,
                    TestMedia.triangleJson(bin.length).getBytes(StandardCharsets.UTF_8), (byte) ' ');
            byte[] binChunk = TestMedia.glbChunk(TestMedia.BIN, bin, (byte) 0);
            byte[] other = TestMedia.glbChunk(0x12345678, new byte[8], (byte) 0);
            accepted(TestMedia.glb(json, binChunk, other), "a.glb", MediaFormat.GLB); // unknown chunks are skipped
            expect(TestMedia.glb(binChunk, json), "first chunk is not JSON");
            expect(TestMedia.glb(json, json), "second JSON chunk");
            expect(TestMedia.glb(json, other, binChunk), "BIN chunk is not the second");
            expect(TestMedia.glb(json), "no uri and no BIN chunk");
            expect(TestMedia.glb(TestMedia.glbChunk(TestMedia.JSON, TestMedia.triangleJson(40)
                    .getBytes(StandardCharsets.UTF_8), (byte) ' '), binChunk), "BIN chunk has 36");
            // a chunk length that is not a multiple of 4
            byte[] odd = TestMedia.glb(json, binChunk);
            ByteBuffer.wrap(odd).order(ByteOrder.LITTLE_ENDIAN).putInt(12, json.length - 8 - 1);
            expect(odd, "not a multiple of 4");
            // a chunk length past the end
            byte[] over = TestMedia.glb(json, binChunk);
            ByteBuffer.wrap(over).order(ByteOrder.LITTLE_ENDIAN).putInt(12 + json.length, 400);
            expect(over, "past the end of the file");
            // container version 1
            byte[] v1 = TestMedia.glbTriangle();
            v1[4] = 1;
            expect(v1, "container version is 1");
        }

        @Test
        void theJsonChunk() {
            expect(TestMedia.glb("not json at all"), "not valid JSON");
            expect(TestMedia.glb("[1,2,3]"), "not a JSON object");
            expect(TestMedia.glb("{\"asset\":{\"version\":\"2.0\"}} {}"), "not valid JSON");
            expect(TestMedia.glb("{\"asset\":{\"version\":\"2.0\"},\"asset\":{\"version\":\"2.0\"}}"), "Duplicate");
            expect(TestMedia.glb("{\"scenes\":[]}"), "no \"asset\" object");
            expect(TestMedia.glb("{\"asset\":{\"version\":\"1.0\"}}"), "asset.version is not \"2.0\"");
            expect(TestMedia.glb("{\"asset\":{\"version\":2.0}}"), "asset.version is not \"2.0\"");
            expect(TestMedia.glb("{\"asset\":{\"version\":\"2.0\",\"minVersion\":\"2.1\"}}"), "minVersion");
            expect(TestMedia.glb(TestMedia.glbChunk(TestMedia.JSON, new byte[] {'{', '"', (byte) 0xC3, '"', '}'},
                    (byte) ' ')), "not UTF-8");
            accepted(TestMedia.glb("\uFEFF" + TestMedia.MINIMAL_GLTF), "bom.glb", MediaFormat.GLB);
        }

        @Test
        void nothingOutsideTheFileIsReferred() {
            for (String uri : new String[] {"tower.bin", "https://example.com/tower.bin", "file:///etc/passwd",
                    "../../secret.bin", "//cdn.example/x.bin"}) {
                String json = "{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":4,\"uri\":\"" + uri
                        + "\"}]}";
                assertThat(rejected(TestMedia.glb(json), "a.glb", MediaCheck.CORRUPT).message())
                        .contains("refers to an outside file").contains("never fetched");
                String image = "{\"asset\":{\"version\":\"2.0\"},\"images\":[{\"uri\":\"" + uri + "\"}]}";
                assertThat(rejected(TestMedia.glb(image), "a.glb", MediaCheck.CORRUPT).message())
                        .contains("images[0] refers to an outside file");
            }
            String data = "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(new byte[12]);
            accepted(TestMedia.glb("{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":12,\"uri\":\"" + data
                    + "\"}]}"), "a.glb", MediaFormat.GLB);
            expect(TestMedia.glb("{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":13,\"uri\":\"" + data
                    + "\"}]}"), "data: URI holds 12");
            expect(TestMedia.glb("{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":1,\"uri\":"
                    + "\"data:text/plain,hello\"}]}"), "not base64");
            expect(TestMedia.glb("{\"asset\":{\"version\":\"2.0\"},\"images\":[{\"mimeType\":\"image/png\"}]}"),
                    "neither a uri nor a bufferView");
        }

        private void expect(byte[] file, String message) {
            assertThat(rejected(file, "a.glb", MediaCheck.CORRUPT).message()).contains(message);
        }
    }

    // ---- glTF JSON

    @Nested
    class Gltf {
        @Test
        void embeddedEverythingIsAccepted() {
            String data = "data:application/octet-stream;base64,"
                    + Base64.getEncoder().encodeToString(TestMedia.triangleBin());
            String json = TestMedia.triangleJson(36).replace("{\"byteLength\":36}",
                    "{\"byteLength\":36,\"uri\":\"" + data + "\"}");
            MediaVerdict.Accepted a = accepted(json.getBytes(StandardCharsets.UTF_8), "tri.gltf", MediaFormat.GLTF);
            assertThat(a.details()).containsEntry("meshes", 1);
            accepted(("\n  " + TestMedia.MINIMAL_GLTF).getBytes(StandardCharsets.UTF_8), null, MediaFormat.GLTF);
        }

        @Test
        void externalFilesAreNotAccepted() {
            String json = TestMedia.triangleJson(36).replace("{\"byteLength\":36}",
                    "{\"byteLength\":36,\"uri\":\"triangle.bin\"}");
            assertThat(rejected(json.getBytes(StandardCharsets.UTF_8), "tri.gltf", MediaCheck.CORRUPT).message())
                    .contains("buffers[0] refers to an outside file (\"triangle.bin\")")
                    .contains("upload a .glb, or a .gltf with everything embedded as data: URIs");
            // and a buffer with no uri has nowhere to be in a .gltf
            assertThat(rejected(TestMedia.triangleJson(36).getBytes(StandardCharsets.UTF_8), "tri.gltf",
                    MediaCheck.CORRUPT).message()).contains("no uri and no BIN chunk");
        }

        @Test
        void jsonThatIsNoGltf() {
            rejected("{\"name\":\"pujiang\",\"version\":\"1.0\"}".getBytes(StandardCharsets.UTF_8), "package.json",
                    MediaCheck.UNSUPPORTED);
            rejected("{ not json".getBytes(StandardCharsets.UTF_8), "x.txt", MediaCheck.UNSUPPORTED);
            assertThat(rejected("{\"name\":1}".getBytes(StandardCharsets.UTF_8), "m.gltf", MediaCheck.CORRUPT)
                    .message()).contains("no \"asset\"");
            assertThat(rejected("{ not json".getBytes(StandardCharsets.UTF_8), "m.gltf", MediaCheck.CORRUPT)
                    .message()).contains("not valid JSON");
            rejected("[]".getBytes(StandardCharsets.UTF_8), "m.gltf", MediaCheck.CORRUPT);
        }
    }

    // ---- WAV

    @Nested
    class Wav {
        @Test
        void whatJavaxSoundWrites() {
            MediaVerdict.Accepted a = accepted(TestMedia.wav(8000, 2, 4000), "a.wav", MediaFormat.WAV);
            assertThat(a.details()).containsEntry("channels", 2).containsEntry("sampleRate", 8000)
                    .containsEntry("bitsPerSample", 16).containsEntry("durationMs", 500L);
        }

        @Test
        void truncatedAnywhere() {
            everyTruncationRejected(TestMedia.wav(8000, 1, 50), "a.wav");
        }

        @Test
        void chunks() {
            byte[] fmt = TestMedia.riffChunk("fmt ", TestMedia.fmt(1, 1, 8000, 16000, 2, 16));
            byte[] data = TestMedia.riffChunk("data", new byte[100]);
            byte[] list = TestMedia.riffChunk("LIST", "INFOISFT\u0005\0\0\0test\0".getBytes(StandardCharsets.ISO_8859_1));
            accepted(TestMedia.riff(fmt, list, data), "a.wav", MediaFormat.WAV);
            accepted(TestMedia.riff(fmt, TestMedia.riffChunk("odd ", new byte[3]), data), "a.wav", MediaFormat.WAV);
            expect(TestMedia.riff(data, fmt), "data chunk comes before its fmt chunk");
            expect(TestMedia.riff(fmt), "no data chunk");
            expect(TestMedia.riff(list), "no fmt chunk");
            expect(TestMedia.riff(fmt, fmt, data), "repeated");
            expect(TestMedia.riff(TestMedia.riffChunk("fmt ", TestMedia.fmt(1, 0, 8000, 0, 0, 16)), data), "zero");
            expect(TestMedia.riff(TestMedia.riffChunk("fmt ", TestMedia.fmt(1, 2, 8000, 16000, 2, 16)), data),
                    "does not match its 2 channels of 16 bits");
            expect(TestMedia.riff(TestMedia.riffChunk("fmt ", new byte[12]), data), "shorter than 16");
            byte[] lie = TestMedia.riff(fmt, data);
            ByteBuffer.wrap(lie).order(ByteOrder.LITTLE_ENDIAN).putInt(4, lie.length);
            expect(lie, "RIFF header says " + (lie.length + 8));
            byte[] dataLie = TestMedia.riff(fmt, data);
            ByteBuffer.wrap(dataLie).order(ByteOrder.LITTLE_ENDIAN).putInt(12 + fmt.length + 4, 101);
            expect(dataLie, "runs past the end");
        }

        private void expect(byte[] file, String message) {
            assertThat(rejected(file, "a.wav", MediaCheck.CORRUPT).message()).contains(message);
        }
    }

    // ---- Ogg

    @Nested
    class Ogg {
        @Test
        void theChecksumIsCrc32WithoutReflectionOrFinalXor() {
            // check value of "123456789": CRC-32/CKSUM's 0x765E7680 without its final XOR (0x765E7680 ^ 0xFFFFFFFF)
            byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
            assertThat(MediaCheck.OggCrc.of(check, 0, check.length)).isEqualTo(0x89A1897FL);
            assertThat(TestMedia.oggCrc(check)).isEqualTo(0x89A1897FL);
        }

        @Test
        void aVorbisStream() {
            MediaVerdict.Accepted a = accepted(TestMedia.ogg(), "a.ogg", MediaFormat.OGG);
            assertThat(a.details()).containsEntry("codec", "vorbis").containsEntry("channels", 2)
                    .containsEntry("sampleRate", 44_100).containsEntry("pages", 3);
        }

        @Test
        void opus() {
            byte[] head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
                    .put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1)
                    .putShort((short) 312).putInt(48_000).putShort((short) 0).put((byte) 0).array();
            byte[] ogg = concat(TestMedia.oggPage(2, 0, 7, 0, head), TestMedia.oggPage(4, 960, 7, 1, new byte[50]));
            assertThat(accepted(ogg, "a.opus", MediaFormat.OGG).details()).containsEntry("codec", "opus");
        }

        @Test
        void truncatedAnywhere() {
            // a cut at a page boundary leaves whole pages, but the last one is not marked end-of-stream
            everyTruncationRejected(TestMedia.ogg(), "a.ogg");
        }

        @Test
        void everyPageIsChecked() {
            byte[] ogg = TestMedia.ogg();
            int second = indexOf(Arrays.copyOfRange(ogg, 4, ogg.length), "OggS") + 4;
            assertThat(rejected(flip(ogg, second + 40), "a.ogg", MediaCheck.CORRUPT).message())
                    .contains("CRC of its page at byte " + second);
            assertThat(rejected(flip(ogg, 30), "a.ogg", MediaCheck.CORRUPT).message()).contains("CRC");
            rejected(concat(ogg, "junk".getBytes(StandardCharsets.US_ASCII)), "a.ogg", MediaCheck.CORRUPT);
            byte[] noBos = TestMedia.oggPage(4, 0, 1, 0, TestMedia.vorbisId(2, 44_100));
            assertThat(rejected(noBos, "a.ogg", MediaCheck.CORRUPT).message()).contains("beginning-of-stream");
        }

        @Test
        void videoIsNotAnAudioAsset() {
            byte[] theora = concat(new byte[] {(byte) 0x80}, "theora".getBytes(StandardCharsets.US_ASCII), new byte[35]);
            byte[] ogg = TestMedia.oggPage(6, 0, 1, 0, theora);
            assertThat(rejected(ogg, "film.ogg", MediaCheck.UNSUPPORTED).message()).contains("Vorbis, Opus");
        }
    }

    // ---- FLAC

    @Nested
    class Flac {
        @Test
        void streamInfo() {
            MediaVerdict.Accepted a = accepted(TestMedia.flac(44_100, 2, 16, 441_000), "a.flac", MediaFormat.FLAC);
            assertThat(a.details()).containsEntry("sampleRate", 44_100).containsEntry("channels", 2)
                    .containsEntry("bitsPerSample", 16).containsEntry("totalSamples", 441_000L)
                    .containsEntry("durationMs", 10_000L);
        }

        /** Frames are not walked (finding a frame's end means decoding its subframes): cuts up to the first. */
        @Test
        void truncatedBeforeTheFirstFrame() {
            byte[] flac = TestMedia.flac(48_000, 1, 24, 1000);
            everyTruncationRejected(Arrays.copyOf(flac, 44), "a.flac");
        }

        @Test
        void structure() {
            byte[] flac = TestMedia.flac(44_100, 2, 16, 441_000);
            byte[] notStreamInfo = flac.clone();
            notStreamInfo[4] = (byte) 0x81; // last block, type PADDING
            expect(notStreamInfo, "STREAMINFO");
            expect(TestMedia.flac(0, 2, 16, 0), "zero sample rate");
            byte[] noFrame = flac.clone();
            noFrame[42] = 0x00;
            expect(noFrame, "no audio frame follows");
            byte[] notLast = flac.clone();
            notLast[4] = 0x00; // STREAMINFO not marked last: the frame's bytes are read as a block header
            expect(notLast, "forbidden type 127");
        }

        private void expect(byte[] file, String message) {
            assertThat(rejected(file, "a.flac", MediaCheck.CORRUPT).message()).contains(message);
        }
    }

    // ---- MP3

    @Nested
    class Mp3 {
        @Test
        void id3ThenFrames() {
            MediaVerdict.Accepted a = accepted(TestMedia.mp3(5), "a.mp3", MediaFormat.MP3);
            assertThat(a.details()).containsEntry("id3v2", true).containsEntry("mpegVersion", "1")
                    .containsEntry("layer", 3).containsEntry("sampleRate", 44_100).containsEntry("bitrateKbps", 128)
                    .containsEntry("channels", 2).containsEntry("frames", 5).containsEntry("firstFrameAt", 74)
                    .containsEntry("durationMs", 5 * 1152 * 1000L / 44_100);
        }

        @Test
        void framesWithoutATag() {
            byte[] mp3 = concat(TestMedia.mpeg1Frame(false), TestMedia.mpeg1Frame(true), TestMedia.mpeg1Frame(false));
            assertThat(accepted(mp3, "a.mp3", MediaFormat.MP3).details()).containsEntry("frames", 3);
            byte[] mpeg2 = concat(TestMedia.mpeg2Frame(), TestMedia.mpeg2Frame());
            assertThat(accepted(mpeg2, "a.mp3", MediaFormat.MP3).details()).containsEntry("mpegVersion", "2")
                    .containsEntry("sampleRate", 22_050).containsEntry("channels", 1);
        }

        @Test
        void endTags() {
            byte[] id3v1 = new byte[128];
            id3v1[0] = 'T';
            id3v1[1] = 'A';
            id3v1[2] = 'G';
            accepted(concat(TestMedia.mp3(3), id3v1), "a.mp3", MediaFormat.MP3);
            accepted(concat(TestMedia.mp3(3), "APETAGEX".getBytes(StandardCharsets.US_ASCII), new byte[24]), "a.mp3",
                    MediaFormat.MP3);
        }

        @Test
        void truncatedAnywhere() {
            byte[] mp3 = TestMedia.mp3(3); // tag 74 bytes, then frames of 417, 418 and 417 bytes
            Set<Integer> frameEnds = Set.of(74 + 417, 74 + 417 + 418);
            for (int n = 1; n < mp3.length; n++) {
                MediaVerdict v = MediaCheck.inspect(Arrays.copyOf(mp3, n), "a.mp3");
                if (frameEnds.contains(n)) {
                    assertThat(v).as("cut to %d, after a whole frame", n).isInstanceOf(MediaVerdict.Accepted.class);
                } else {
                    assertThat(v).as("cut to %d", n).isInstanceOf(MediaVerdict.Rejected.class);
                }
            }
            assertThat(rejected(Arrays.copyOf(mp3, mp3.length - 100), "a.mp3", MediaCheck.CORRUPT).message())
                    .contains("cut off");
        }

        @Test
        void structure() {
            byte[] mp3 = TestMedia.mp3(3);
            expect(TestMedia.id3(20), "no audio frames");
            byte[] garbage = mp3.clone();
            garbage[74 + 417] = 0x00; // the second frame's sync
            expect(garbage, "where the previous frame ends");
            byte[] badTag = mp3.clone();
            badTag[6] = (byte) 0x80; // not syncsafe
            expect(badTag, "ID3v2 tag header");
            byte[] longTag = mp3.clone();
            longTag[6] = 0x7F; // a tag far longer than the file
            expect(longTag, "past the end");
            byte[] freeFormat = mp3.clone();
            freeFormat[74 + 2] = 0x00; // bitrate index 0: free format
            expect(freeFormat, "no MPEG audio frame follows the ID3 tag");
        }

        private void expect(byte[] file, String message) {
            assertThat(rejected(file, "a.mp3", MediaCheck.CORRUPT).message()).contains(message);
        }
    }
}
