package org.pujiang.server.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.pujiang.server.auth.Session;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;

/**
 * One API request, copied off the event loop's routing context so that a worker thread may read it.
 *
 * @param session the caller's live session; null on routes that need none
 * @param authorization the Authorization header as sent, or null
 * @param form the form fields of a multipart upload (empty otherwise)
 * @param uploads the files of a multipart upload
 */
public record Call(
        String method,
        String route,
        Map<String, String> pathParams,
        MultiMap query,
        String contentType,
        Buffer body,
        String remoteAddr,
        String userAgent,
        Session session,
        String authorization,
        MultiMap form,
        java.util.List<Upload> uploads) {

    /** One uploaded file: the form field it came in, the name the client gave, its type and bytes. */
    public record Upload(String field, String fileName, String contentType, byte[] bytes) {
        public long size() {
            return bytes.length;
        }
    }

    /**
     * This call with its multipart/form-data body parsed into {@link #form} and {@link #uploads}; a body that is
     * not multipart leaves both empty (the route answers what it misses).
     *
     * @throws ApiException 400 when the multipart body is malformed
     */
    public Call withUploads() {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (body == null || !type.startsWith("multipart/form-data")) {
            return this;
        }
        Multipart.Parsed parsed = Multipart.parse(body.getBytes(), contentType);
        return new Call(method, route, pathParams, query, contentType, body, remoteAddr, userAgent, session,
                authorization, parsed.fields(), parsed.files().stream()
                        .map(f -> new Upload(f.field(), f.fileName(), f.contentType(), f.bytes())).toList());
    }

    /** A copy of this call for the given session. */
    public Call withSession(Session session) {
        return new Call(method, route, pathParams, query, contentType, body, remoteAddr, userAgent, session,
                authorization, form, uploads);
    }

    /** A header-like lookup of a form field of a multipart upload, or null. */
    public String formField(String name) {
        return form == null ? null : form.get(name);
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    /** The first value of a query parameter, or {@code fallback}. */
    public String query(String name, String fallback) {
        String v = query.get(name);
        return v == null ? fallback : v;
    }

    public int queryInt(String name, int fallback) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.QUERY_INVALID, name + " must be a whole number, got '" + abbreviate(v) + "'");
        }
    }

    public boolean queryBool(String name) {
        String v = query.get(name);
        if (v == null || v.isEmpty() || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw new ApiException(ErrorCode.QUERY_INVALID, name + " must be true or false, got '" + abbreviate(v) + "'");
    }

    /** Whether the request carries a body. */
    public boolean hasBody() {
        return body != null && body.length() > 0;
    }

    /**
     * The body as a JSON object.
     *
     * @throws ApiException 415 when it is not declared as JSON, 400 when it is not a JSON object
     */
    public JsonObject json() {
        if (!hasBody()) {
            throw new ApiException(ErrorCode.JSON_MALFORMED, "the request needs a JSON object body");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json") && !type.matches("application/[a-z0-9.+-]+\\+json.*")) {
            throw new ApiException(ErrorCode.MEDIA_TYPE_UNSUPPORTED,
                    "send the body as application/json, not " + (contentType == null ? "no content type" : contentType));
        }
        Object parsed;
        try {
            parsed = Buffer.buffer(body.getBytes()).toJsonValue();
        } catch (DecodeException e) {
            throw new ApiException(ErrorCode.JSON_MALFORMED, "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (parsed instanceof JsonObject o) {
            return o;
        }
        throw new ApiException(ErrorCode.JSON_MALFORMED, "the body must be a JSON object");
    }

    /** The body as a JSON object, or an empty one when there is no body. */
    public JsonObject jsonOrEmpty() {
        return hasBody() ? json() : new JsonObject();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
