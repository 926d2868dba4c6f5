package org.pujiang.server.http;

/** What a handler answers: a status and a JSON body (null for none), or a {@link Raw} body of another type. */
public record Reply(int status, Object body) {
    /**
     * A body that is not JSON, e.g. a checkpoint (text/plain) or an asset's file.
     *
     * @param cacheControl the Cache-Control header to send (no-store for most answers)
     */
    public record Raw(String contentType, io.vertx.core.buffer.Buffer bytes, String cacheControl) {}

    public static Reply raw(int status, String contentType, io.vertx.core.buffer.Buffer bytes, String cacheControl) {
        return new Reply(status, new Raw(contentType, bytes, cacheControl));
    }

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    public static Reply noContent() {
        return new Reply(204, null);
    }
}
