package org.pujiang.ledger.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.pujiang.ledger.asset.AssetVectors.MAPPER;
import static org.pujiang.ledger.asset.AssetVectors.MEDIA;
import static org.pujiang.ledger.asset.AssetVectors.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MediaCheckTest {
    private static final List<String> CODES = List.of(MediaCheck.EMPTY, MediaCheck.UNSUPPORTED, MediaCheck.CORRUPT,
            MediaCheck.MISMATCH);

    @Test
    void acceptedVectors() throws JsonProcessingException {
        for (JsonNode v : MEDIA.get("accepted")) {
            String desc = text(v, "desc");
            MediaVerdict verdict = MediaCheck.inspect(hex(v), name(v));
            assertThat(verdict).as(desc).isInstanceOf(MediaVerdict.Accepted.class);
            MediaVerdict.Accepted a = (MediaVerdict.Accepted) verdict;
            MediaFormat f = MediaFormat.valueOf(text(v, "format"));
            assertThat(a.format()).as(desc).isEqualTo(f);
            assertThat(a.mime()).as(desc).isEqualTo(f.mime());
            assertThat(json(a.details())).as(desc).isEqualTo(v.get("details"));
        }
    }

    @Test
    void rejectedVectors() {
        for (JsonNode v : MEDIA.get("rejected")) {
            String desc = text(v, "desc");
            MediaVerdict verdict = MediaCheck.inspect(hex(v), name(v));
            assertThat(verdict).as(desc).isInstanceOf(MediaVerdict.Rejected.class);
            MediaVerdict.Rejected r = (MediaVerdict.Rejected) verdict;
            assertThat(r.code()).as(desc + ": " + r.message()).isEqualTo(text(v, "code"));
            assertThat(r.message()).as(desc).contains(text(v, "messageContains")).isNotBlank();
        }
    }

    @Test
    void nullFileIsEmpty() {
        assertThat(rejected(null, "a.png").code()).isEqualTo(MediaCheck.EMPTY);
    }

    /** java.util.zip CRC32 and Deflater, as the PNG spec has them, agree with MediaCheck's chunk checks. */
    @Test
    void pngWrittenByHand() throws JsonProcessingException {
        MediaVerdict.Accepted a = accepted(MediaFiles.png(7, 5), "hand.png");
        assertThat(json(a.details())).isEqualTo(MAPPER.readTree(
                "{\"width\":7,\"height\":5,\"bitDepth\":8,\"colourType\":2,\"interlaced\":false}"));
    }

    @Test
    void pngWrittenByImageIo() {
        MediaVerdict.Accepted a = accepted(MediaFiles.imageIo("png", BufferedImage.TYPE_INT_ARGB, 33, 17), "io.png");
        assertThat(a.format()).isEqualTo(MediaFormat.PNG);
        assertThat(a.details()).containsEntry("width", 33).containsEntry("height", 17).containsEntry("colourType", 6);
    }

    @Test
    void jpegWrittenByImageIo() {
        byte[] jpeg = MediaFiles.jpeg(40, 30);
        for (String name : new String[] {"photo.jpg", "photo.JPEG", "photo.jpe", null, "no-extension"}) {
            MediaVerdict.Accepted a = accepted(jpeg, name);
            assertThat(a.format()).isEqualTo(MediaFormat.JPEG);
            assertThat(a.mime()).isEqualTo("image/jpeg");
            assertThat(a.details()).containsEntry("width", 40).containsEntry("height", 30)
                    .containsEntry("components", 3).containsEntry("progressive", false).containsEntry("scans", 1);
        }
        byte[] grey = MediaFiles.imageIo("jpg", BufferedImage.TYPE_BYTE_GRAY, 9, 65);
        assertThat(accepted(grey, "g.jpg").details()).containsEntry("width", 9).containsEntry("height", 65)
                .containsEntry("components", 1);
    }

    @Test
    void jpegRenamedPngIsAMismatch() {
        MediaVerdict.Rejected r = rejected(MediaFiles.jpeg(8, 8), "photo.png");
        assertThat(r.code()).isEqualTo(MediaCheck.MISMATCH);
        assertThat(r.message()).contains("JPEG", ".png");
    }

    @Test
    void brokenJpegs() {
        byte[] jpeg = MediaFiles.jpeg(16, 16);
        assertThat(rejected(Arrays.copyOf(jpeg, jpeg.length - 2), "a.jpg").code())
                .as("no EOI").isEqualTo(MediaCheck.CORRUPT);
        assertThat(rejected(Arrays.copyOf(jpeg, jpeg.length / 2), "a.jpg").code())
                .as("cut in half").isEqualTo(MediaCheck.CORRUPT);
        assertThat(rejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, "a.jpg").code())
                .as("SOI EOI and nothing between").isEqualTo(MediaCheck.CORRUPT);
        assertThat(rejected(Arrays.copyOf(jpeg, 3), "a.jpg").code()).as("only the SOI").isEqualTo(MediaCheck.CORRUPT);
        // bytes after EOI are allowed (Motion Photo, MPF): the image itself is whole
        byte[] trailer = Arrays.copyOf(jpeg, jpeg.length + 5);
        assertThat(MediaCheck.inspect(trailer, "a.jpg")).isInstanceOf(MediaVerdict.Accepted.class);
    }

    @Test
    void wavWrittenByAudioSystem() {
        MediaVerdict.Accepted a = accepted(MediaFiles.wav(44_100, 16, 2, 4_410), "tone.wav");
        assertThat(a.format()).isEqualTo(MediaFormat.WAV);
        assertThat(a.details()).containsEntry("formatTag", 1).containsEntry("channels", 2)
                .containsEntry("sampleRate", 44_100).containsEntry("bitsPerSample", 16)
                .containsEntry("dataBytes", 17_640L).containsEntry("durationMs", 100L);
        MediaVerdict.Accepted mono8 = accepted(MediaFiles.wav(8_000, 8, 1, 801), "u8.wav");
        assertThat(mono8.details()).containsEntry("bitsPerSample", 8).containsEntry("dataBytes", 801L)
                .containsEntry("durationMs", 100L);
        byte[] wav = MediaFiles.wav(8_000, 16, 1, 100);
        assertThat(rejected(Arrays.copyOf(wav, 40), "a.wav").code()).isEqualTo(MediaCheck.CORRUPT);
        assertThat(rejected(wav, "a.mp3").code()).isEqualTo(MediaCheck.MISMATCH);
    }

    @Test
    void glbWrittenInCode() {
        byte[] glb = MediaFiles.glb("{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":5}],"
                + "\"meshes\":[{},{}],\"materials\":[{}]}", new byte[] {1, 2, 3, 4, 5});
        MediaVerdict.Accepted a = accepted(glb, "m.glb");
        assertThat(a.details()).containsEntry("meshes", 2).containsEntry("materials", 1).containsEntry("binBytes", 8L);
        assertThat(rejected(MediaFiles.png(2, 2), "m.glb").code()).as("PNG named .glb").isEqualTo(MediaCheck.MISMATCH);
        assertThat(rejected(glb, "m.gltf").code()).as("GLB named .gltf").isEqualTo(MediaCheck.MISMATCH);
        byte[] lie = glb.clone();
        lie[8]++; // the header's total length
        assertThat(rejected(lie, "m.glb").message()).contains("header says");
    }

    /** The name's extension decides the claim whatever its case; a name without one claims nothing. */
    @Test
    void extensionsClaimFormats() {
        assertThat(MediaFormat.byExtension("a.b.GLB")).contains(MediaFormat.GLB);
        assertThat(MediaFormat.byExtension("song.opus")).contains(MediaFormat.OGG);
        assertThat(MediaFormat.byExtension("song.oga")).contains(MediaFormat.OGG);
        assertThat(MediaFormat.byExtension("png")).isEmpty();
        assertThat(MediaFormat.byExtension("archive.tar.gz")).isEmpty();
        assertThat(MediaFormat.byExtension(null)).isEmpty();
        for (MediaFormat f : MediaFormat.values()) {
            assertThat(MediaFormat.fromWire(f.wireName())).contains(f);
            for (String ext : f.extensions()) {
                assertThat(MediaFormat.byExtension("x." + ext)).contains(f);
            }
        }
        assertThat(MediaFormat.fromWire("GLB")).isEmpty();
    }

    /**
     * Every valid file, with random single-byte changes and cut at random places, always gets a verdict, never an
     * exception, and a rejection always carries one of the four codes and a message.
     */
    @Test
    void mangledFilesAlwaysGetAVerdict() {
        List<byte[]> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode v : MEDIA.get("accepted")) {
            files.add(hex(v));
            names.add(name(v));
        }
        files.add(MediaFiles.jpeg(24, 24));
        names.add("a.jpg");
        files.add(MediaFiles.png(5, 5));
        names.add("a.png");
        files.add(MediaFiles.wav(8_000, 16, 1, 64));
        names.add("a.wav");
        files.add(MediaFiles.glb("{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":4}]}", new byte[4]));
        names.add("a.glb");
        Random rnd = new Random(2026);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < files.size(); i++) {
            byte[] good = files.get(i);
            for (int k = 0; k < 1_500; k++) {
                byte[] b = good.clone();
                switch (k % 3) {
                    case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                    case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
                    default -> {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                }
                for (String name : new String[] {names.get(i), null}) {
                    MediaVerdict verdict;
                    try {
                        verdict = MediaCheck.inspect(b, name);
                    } catch (RuntimeException | StackOverflowError e) {
                        fail("inspect threw " + e + " on " + name + " " + HexFormat.of().formatHex(b), e);
                        return;
                    }
                    assertThat(verdict).isNotNull();
                    if (verdict instanceof MediaVerdict.Rejected r) {
                        assertThat(r.code()).isIn(CODES);
                        assertThat(r.message()).isNotBlank();
                        rejected++;
                    } else {
                        accepted++;
                    }
                }
            }
        }
        assertThat(rejected).isGreaterThan(accepted / 4);
    }

    /** Random bytes named as no format of ours are never accepted: unsupported, or corrupt if they start like one. */
    @Test
    void randomBytesWithoutAFormat() {
        Random rnd = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[1 + rnd.nextInt(300)];
            rnd.nextBytes(b);
            MediaVerdict v = MediaCheck.inspect(b, "blob.bin");
            if (v instanceof MediaVerdict.Rejected r) {
                assertThat(r.code()).isIn(MediaCheck.UNSUPPORTED, MediaCheck.CORRUPT);
            } else {
                fail("random bytes accepted: " + HexFormat.of().formatHex(b) + " as " + v);
            }
        }
    }

    private static MediaVerdict.Accepted accepted(byte[] file, String name) {
        MediaVerdict v = MediaCheck.inspect(file, name);
        assertThat(v).as(name + ": " + v).isInstanceOf(MediaVerdict.Accepted.class);
        return (MediaVerdict.Accepted) v;
    }

    private static MediaVerdict.Rejected rejected(byte[] file, String name) {
        MediaVerdict v = MediaCheck.inspect(file, name);
        assertThat(v).as(name + ": " + v).isInstanceOf(MediaVerdict.Rejected.class);
        return (MediaVerdict.Rejected) v;
    }

    private static JsonNode json(Map<String, Object> details) throws JsonProcessingException {
        return MAPPER.readTree(MAPPER.writeValueAsString(details));
    }

    private static byte[] hex(JsonNode v) {
        return HexFormat.of().parseHex(text(v, "hex"));
    }

    private static String name(JsonNode v) {
        JsonNode n = v.get("name");
        return n == null || n.isNull() ? null : n.asText();
    }
}
