package org.pujiang.server.http;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;

/**
 * A multipart/form-data body (RFC 7578), parsed from the whole body in memory. Ours rather than Netty's decoder,
 * which appends a stray CR to a part when a network chunk ends between the CR and LF before a delimiter
 * (netty/netty#17383): an uploaded file would then differ from the one sent by a byte, at random. Pure; any thread.
 */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)[;\\s]filename=\"([^\"]*)\"");

    /** One file part: the field it came in, the name the client gave, its content type, its bytes. */
    record FilePart(String field, String fileName, String contentType, byte[] bytes) {}

    record Parsed(MultiMap fields, List<FilePart> files) {}

    private Multipart() {}

    /** @throws ApiException 400 when the body is not a well-formed multipart/form-data body */
    static Parsed parse(byte[] body, String contentType) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!m.find()) {
            throw malformed("the Content-Type names no boundary");
        }
        byte[] delimiter = ("--" + (m.group(1) != null ? m.group(1) : m.group(2))).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw malformed("the body holds no part delimiter");
        }
        MultiMap fields = MultiMap.caseInsensitiveMultiMap();
        List<FilePart> files = new ArrayList<>();
        byte[] next = concat(new byte[] {'\r', '\n'}, delimiter);
        at += delimiter.length;
        while (true) {
            if (at + 2 <= body.length && body[at] == '-' && body[at + 1] == '-') {
                return new Parsed(fields, files); // the close delimiter
            }
            if (at + 2 > body.length || body[at] != '\r' || body[at + 1] != '\n') {
                throw malformed("a delimiter is not followed by a line end");
            }
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, at);
            if (headersEnd < 0) {
                throw malformed("a part's headers do not end");
            }
            String headers = new String(body, at + 2, headersEnd - at - 2, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw malformed("a part is not closed by a delimiter");
            }
            String disposition = header(headers, "content-disposition");
            Matcher name = NAME.matcher(disposition == null ? "" : disposition);
            if (disposition == null || !name.find()) {
                throw malformed("a part has no Content-Disposition name");
            }
            Matcher file = FILENAME.matcher(disposition);
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            if (file.find()) {
                String type = header(headers, "content-type");
                files.add(new FilePart(name.group(1), file.group(1), type == null ? "application/octet-stream" : type,
                        content));
            } else {
                fields.add(name.group(1), new String(content, StandardCharsets.UTF_8));
            }
            at = contentEnd + next.length;
        }
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static ApiException malformed(String why) {
        return new ApiException(ErrorCode.JSON_MALFORMED, "the multipart/form-data body is malformed: " + why);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The first index of {@code needle} in {@code haystack} at or after {@code from}, or -1. */
    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
