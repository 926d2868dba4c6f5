package org.pujiang.server.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Asset files and uploads for tests: a real PNG built in code, and the multipart upload of POST /api/assets. */
public final class TestAssets {
    private TestAssets() {}

    /** A 2×2 RGB PNG with correct CRCs; {@code seed} makes each one's bytes (and content hash) differ. */
    public static byte[] png(int seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", new byte[] {0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0});
        // Two scanlines, each: filter type 0, then two RGB pixels.
        byte[] raw = {0, (byte) 200, 40, (byte) seed, 20, 60, (byte) (seed >> 8), 0, (byte) 240, (byte) 200, 30,
                (byte) (seed >> 16), 90, 90};
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[128];
        int n = d.deflate(buf);
        d.end();
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(new byte[] {(byte) (data.length >> 24), (byte) (data.length >> 16), (byte) (data.length >> 8),
                (byte) data.length});
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8), (byte) c});
    }

    /**
     * Registers an asset: POST /api/assets as multipart/form-data with the file and the fields.
     *
     * @param requestId sent as the requestId field when not null
     */
    public static ApiClient.Res upload(ApiClient api, String token, String fileName, byte[] file, String title,
            String editions, String requestId) {
        String boundary = "----pujiang" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[][] fields = requestId == null
                ? new String[][] {{"title", title}, {"licence", "CC BY-NC 4.0"}, {"editions", editions}}
                : new String[][] {{"title", title}, {"licence", "CC BY-NC 4.0"}, {"editions", editions},
                        {"requestId", requestId}};
        for (String[] field : fields) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send("POST", "/api/assets", token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
}
