package org.pujiang.ledger.asset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Real small media files made in code, with the JDK's own writers where it has one. */
final class MediaFiles {
    private MediaFiles() {}

    /** A PNG written chunk by chunk: CRC-32 (java.util.zip.CRC32) over type and data, IDAT by Deflater. */
    static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        byte[] raw = new byte[height * (1 + 3 * width)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raw[y * (1 + 3 * width) + 1 + 3 * x] = (byte) (x * 40);
                raw[y * (1 + 3 * width) + 2 + 3 * x] = (byte) (y * 40);
            }
        }
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = d.deflate(buf);
        d.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] imageIo(String format, int type, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, new Color((x * 13) & 0xFF, (y * 29) & 0xFF, ((x ^ y) * 7) & 0xFF).getRGB());
            }
        }
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

    static byte[] jpeg(int width, int height) {
        return imageIo("jpg", BufferedImage.TYPE_INT_RGB, width, height);
    }

    /** PCM WAV by javax.sound.sampled.AudioSystem.write: a sine of {@code frames} frames. */
    static byte[] wav(float rate, int bits, int channels, int frames) {
        AudioFormat f = new AudioFormat(rate, bits, channels, bits > 8, false);
        byte[] pcm = new byte[frames * f.getFrameSize()];
        for (int i = 0; i < frames; i++) {
            int v = (int) (Math.sin(i / 5.0) * (bits > 8 ? 10_000 : 100));
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * (bits / 8);
                if (bits == 8) {
                    pcm[at] = (byte) (v + 128);
                } else {
                    pcm[at] = (byte) v;
                    pcm[at + 1] = (byte) (v >> 8);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), f, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A GLB: 12-byte header, the JSON chunk padded with spaces, an optional BIN chunk padded with zeros. */
    static byte[] glb(String json, byte[] bin) {
        byte[] j = pad(json.getBytes(StandardCharsets.UTF_8), (byte) ' ');
        byte[] b = bin == null ? null : pad(bin, (byte) 0);
        int length = 12 + 8 + j.length + (b == null ? 0 : 8 + b.length);
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("glTF".getBytes(StandardCharsets.US_ASCII)).putInt(2).putInt(length);
        out.putInt(j.length).put("JSON".getBytes(StandardCharsets.US_ASCII)).put(j);
        if (b != null) {
            out.putInt(b.length).put(new byte[] {'B', 'I', 'N', 0}).put(b);
        }
        return out.array();
    }

    private static byte[] pad(byte[] b, byte fill) {
        byte[] out = java.util.Arrays.copyOf(b, (b.length + 3) / 4 * 4);
        java.util.Arrays.fill(out, b.length, out.length, fill);
        return out;
    }
}
