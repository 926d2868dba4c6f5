package org.pujiang.ledger.asset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Small, real media files built in code, and the pieces to break them with. */
final class TestMedia {
    private TestMedia() {}

    // ---- PNG

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** A PNG chunk: length, type, data, CRC-32 of type and data (PNG §5.3). */
    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue()).array();
    }

    static byte[] ihdr(int width, int height, int depth, int colour) {
        return ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth).put((byte) colour)
                .put(new byte[3]).array();
    }

    /** A width×height 8-bit RGB PNG, written chunk by chunk with correct CRCs. */
    static byte[] png(int width, int height) {
        byte[] raw = new byte[height * (1 + 3 * width)]; // each scanline: filter type 0, then RGB
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i % (1 + 3 * width) == 0 ? 0 : (byte) (i * 7);
        }
        return concat(PNG_SIGNATURE, chunk("IHDR", ihdr(width, height, 8, 2)), chunk("IDAT", deflate(raw)),
                chunk("IEND", new byte[0]));
    }

    static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    /** A PNG written by the JDK's own encoder. */
    static byte[] imageIo(String format, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 40, 60));
        g.fillRect(0, 0, width / 2, height);
        g.setColor(new Color(20, 90, 220));
        g.fillOval(width / 3, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- WAV

    /** A 16-bit PCM WAV written by javax.sound. */
    static byte[] wav(int sampleRate, int channels, int frames) {
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0; i < frames; i++) {
            short s = (short) (Math.sin(i * 2 * Math.PI * 440 / sampleRate) * 8000);
            for (int c = 0; c < channels; c++) {
                pcm[(i * channels + c) * 2] = (byte) s;
                pcm[(i * channels + c) * 2 + 1] = (byte) (s >> 8);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, frames),
                    AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A RIFF chunk (little-endian size, padded to even). */
    static byte[] riffChunk(String id, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        return b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data).array();
    }

    static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body).array();
    }

    static byte[] fmt(int tag, int channels, int rate, int byteRate, int blockAlign, int bits) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) channels)
                .putInt(rate).putInt(byteRate).putShort((short) blockAlign).putShort((short) bits).array();
    }

    // ---- GLB and glTF

    static final String MINIMAL_GLTF = "{\"asset\":{\"version\":\"2.0\",\"generator\":\"pujiang test\"},"
            + "\"scene\":0,\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"name\":\"empty\"}]}";

    /** A triangle: positions in the BIN chunk, referenced by buffers[0] without a uri. */
    static String triangleJson(int binLength) {
        return "{\"asset\":{\"version\":\"2.0\"},\"scene\":0,\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"mesh\":0}],"
                + "\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0}}]}],"
                + "\"buffers\":[{\"byteLength\":" + binLength + "}],"
                + "\"bufferViews\":[{\"buffer\":0,\"byteLength\":36}],"
                + "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\","
                + "\"min\":[0,0,0],\"max\":[1,1,0]}]}";
    }

    static byte[] triangleBin() {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** A GLB chunk: length, type, data padded to 4 bytes with {@code pad}. */
    static byte[] glbChunk(int type, byte[] data, byte pad) {
        int padded = (data.length + 3) / 4 * 4;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN).putInt(padded).putInt(type)
                .put(data);
        while (b.hasRemaining()) {
            b.put(pad);
        }
        return b.array();
    }

    static final int JSON = 0x4E4F534A;
    static final int BIN = 0x004E4942;

    /** glTF 2.0 §4.4: "glTF", version 2, total length, then the chunks. */
    static byte[] glb(byte[]... chunks) {
        byte[] body = concat(chunks);
        return concat(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(0x46546C67).putInt(2)
                .putInt(12 + body.length).array(), body);
    }

    static byte[] glb(String json) {
        return glb(glbChunk(JSON, json.getBytes(StandardCharsets.UTF_8), (byte) ' '));
    }

    static byte[] glbTriangle() {
        byte[] bin = triangleBin();
        return glb(glbChunk(JSON, triangleJson(bin.length).getBytes(StandardCharsets.UTF_8), (byte) ' '),
                glbChunk(BIN, bin, (byte) 0));
    }

    // ---- MP3

    /** MPEG-1 layer III, 128 kbit/s, 44.1 kHz, stereo: 144·128000/44100 = 417 bytes (418 padded). */
    static byte[] mpeg1Frame(boolean padded) {
        byte[] f = new byte[padded ? 418 : 417];
        f[0] = (byte) 0xFF;
        f[1] = (byte) 0xFB; // sync, MPEG-1, layer III, no CRC
        f[2] = (byte) (0x90 | (padded ? 0x02 : 0)); // bitrate index 9, 44.1 kHz
        f[3] = 0x00; // stereo
        return f;
    }

    /** MPEG-2 layer III, 64 kbit/s, 22.05 kHz, mono: 72·64000/22050 = 208 bytes. */
    static byte[] mpeg2Frame() {
        byte[] f = new byte[208];
        f[0] = (byte) 0xFF;
        f[1] = (byte) 0xF3;
        f[2] = (byte) 0x80;
        f[3] = (byte) 0xC0; // mono
        return f;
    }

    /** ID3v2.4 header with a 28-bit syncsafe size, then that many bytes (a text frame and padding). */
    static byte[] id3(int size) {
        byte[] tag = new byte[10 + size];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 4;
        tag[6] = (byte) ((size >> 21) & 0x7F);
        tag[7] = (byte) ((size >> 14) & 0x7F);
        tag[8] = (byte) ((size >> 7) & 0x7F);
        tag[9] = (byte) (size & 0x7F);
        byte[] frame = "TIT2\0\0\0\u0006\0\0\u0003Dawn\0".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(frame, 0, tag, 10, Math.min(frame.length, size));
        return tag;
    }

    static byte[] mp3(int frames) {
        byte[][] parts = new byte[frames + 1][];
        parts[0] = id3(64);
        for (int i = 0; i < frames; i++) {
            parts[i + 1] = mpeg1Frame(i % 3 == 1);
        }
        return concat(parts);
    }

    // ---- Ogg

    /**
     * The Ogg CRC the slow way, straight from RFC 3533 §6 / the libogg docs: polynomial 0x04C11DB7, MSB first,
     * initial value 0, no final XOR. (The code under test uses a table.)
     */
    static long oggCrc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 24;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc & 0xFFFFFFFFL;
    }

    /** One Ogg page holding whole packets (RFC 3533 §6), with its CRC. */
    static byte[] oggPage(int flags, long granule, int serial, int sequence, byte[]... packets) {
        ByteArrayOutputStream lacing = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            int n = p.length;
            while (n >= 255) {
                lacing.write(255);
                n -= 255;
            }
            lacing.write(n);
        }
        byte[] table = lacing.toByteArray();
        byte[] body = concat(packets);
        ByteBuffer b = ByteBuffer.allocate(27 + table.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) flags).putLong(granule)
                .putInt(serial).putInt(sequence).putInt(0).put((byte) table.length).put(table).put(body);
        byte[] page = b.array();
        long crc = oggCrc(page);
        ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).putInt(22, (int) crc);
        return page;
    }

    /** Vorbis I §4.2.2 identification header: 30 bytes. */
    static byte[] vorbisId(int channels, int rate) {
        return ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1)
                .put("vorbis".getBytes(StandardCharsets.US_ASCII)).putInt(0).put((byte) channels).putInt(rate)
                .putInt(0).putInt(128_000).putInt(0).put((byte) 0xB8).put((byte) 1).array();
    }

    /** An Ogg Vorbis stream: BOS page with the identification header, a middle page, an EOS page. */
    static byte[] ogg() {
        return concat(oggPage(0x02, 0, 42, 0, vorbisId(2, 44_100)),
                oggPage(0x00, 0, 42, 1, "\u0003vorbis comments".getBytes(StandardCharsets.ISO_8859_1), new byte[300]),
                oggPage(0x04, 44_100, 42, 2, new byte[100]));
    }

    // ---- FLAC

    /** "fLaC", STREAMINFO (last block), and the start of one frame. RFC 9639 §8.2. */
    static byte[] flac(int sampleRate, int channels, int bits, long totalSamples) {
        long packed = ((long) sampleRate << 44) | ((long) (channels - 1) << 41) | ((long) (bits - 1) << 36)
                | totalSamples;
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 34 + 16);
        b.put("fLaC".getBytes(StandardCharsets.US_ASCII)).put((byte) 0x80).put((byte) 0).put((byte) 0)
                .put((byte) 34);
        b.putShort((short) 4096).putShort((short) 4096).put(new byte[6]).putLong(packed).put(new byte[16]);
        b.put(new byte[] {(byte) 0xFF, (byte) 0xF8, 0x69, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        return b.array();
    }

    // ---- bytes

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] flip(byte[] f, int at) {
        byte[] c = f.clone();
        c[at] ^= 0x01;
        return c;
    }

    static int indexOf(byte[] f, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= f.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (f[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(ascii + " not found");
    }
}
