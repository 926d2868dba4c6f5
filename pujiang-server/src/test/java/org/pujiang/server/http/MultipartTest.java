package org.pujiang.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pujiang.server.error.ApiException;

/** RFC 7578 bodies, including the ones Netty's decoder gets wrong: a file ending in CR, delimiter look-alikes. */
class MultipartTest {
    private static final String TYPE = "multipart/form-data; boundary=XyZ123";

    private static byte[] body(byte[] file) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("preamble\r\n--XyZ123\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n浦江 \"夜\"\r\n"
                + "--XyZ123\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes("\r\n--XyZ123--\r\n".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void fieldsAndFilesComeOutByteForByte() {
        byte[] file = "data\r\n--XyZ12 not quite\r\n--XyZ1\r\r".getBytes(StandardCharsets.US_ASCII);
        Multipart.Parsed p = Multipart.parse(body(file), TYPE);
        assertThat(p.fields().get("title")).isEqualTo("浦江 \"夜\"");
        assertThat(p.files()).hasSize(1);
        assertThat(p.files().get(0).field()).isEqualTo("file");
        assertThat(p.files().get(0).fileName()).isEqualTo("a.png");
        assertThat(p.files().get(0).contentType()).isEqualTo("image/png");
        assertThat(p.files().get(0).bytes()).isEqualTo(file);
    }

    @Test
    void aQuotedBoundaryAndAnEmptyFile() {
        byte[] b = body(new byte[0]);
        Multipart.Parsed p = Multipart.parse(b, "multipart/form-data; charset=utf-8; boundary=\"XyZ123\"");
        assertThat(p.files().get(0).bytes()).isEmpty();
    }

    @Test
    void malformedBodiesAreRefusedWithAReason() {
        assertThatThrownBy(() -> Multipart.parse(body(new byte[] {1}), "multipart/form-data"))
                .isInstanceOf(ApiException.class).hasMessageContaining("no boundary");
        byte[] cut = java.util.Arrays.copyOf(body(new byte[] {1, 2, 3}), 150);
        assertThatThrownBy(() -> Multipart.parse(cut, TYPE)).isInstanceOf(ApiException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> Multipart.parse("no parts here".getBytes(), TYPE))
                .hasMessageContaining("no part delimiter");
    }
}
