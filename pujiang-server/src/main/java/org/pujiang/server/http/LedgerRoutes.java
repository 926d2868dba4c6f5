package org.pujiang.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.ledger.LogReader;
import org.pujiang.server.ledger.LogWriter;
import org.pujiang.server.ledger.Witnesses;

/**
 * The transparency log's public API (docs/ledger.md): the published checkpoint, the log's key, entries by range,
 * inclusion and consistency proofs, and the witnesses' cosignatures. None needs a session: anyone may audit.
 */
public final class LedgerRoutes {
    /** The most entries one call returns (like RFC 6962's get-entries, a caller pages on). */
    static final int MAX_ENTRIES = 1000;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final LogWriter writer;
    private final LogReader reader;
    private final Witnesses witnesses;

    public LedgerRoutes(LogWriter writer, LogReader reader, Witnesses witnesses) {
        this.writer = writer;
        this.reader = reader;
        this.witnesses = witnesses;
    }

    public List<ApiRoutes.Route> routes() {
        return List.of(
                new ApiRoutes.Route(HttpMethod.GET, "/api/log/checkpoint", false,
                        c -> text(witnesses.published())),
                new ApiRoutes.Route(HttpMethod.GET, "/api/log/checkpoints/latest", false,
                        c -> text(witnesses.newestSigned())),
                new ApiRoutes.Route(HttpMethod.GET, "/api/log/key", false, c -> Reply.ok(new JsonObject()
                        .put("origin", writer.origin())
                        .put("vkey", writer.key().vkey())
                        .put("witnesses", new JsonArray(witnesses.keys()))
                        .put("quorum", witnesses.quorum()))),
                new ApiRoutes.Route(HttpMethod.GET, "/api/log/entries", false, this::entries),
                new ApiRoutes.Route(HttpMethod.GET, "/api/log/proof/inclusion", false, this::inclusion),
                new ApiRoutes.Route(HttpMethod.GET, "/api/log/proof/consistency", false, this::consistency),
                new ApiRoutes.Route(HttpMethod.POST, "/api/log/cosignatures", false, this::cosign));
    }

    private static Reply text(String body) {
        return Reply.raw(200, TEXT, Buffer.buffer(body), "no-cache");
    }

    private Reply entries(Call c) {
        long size = writer.tail().size();
        long start = longParam(c, "start", 0);
        long end = longParam(c, "end", Math.min(size, start + MAX_ENTRIES));
        if (start == size && end >= start) {
            // Nothing there yet: a follower polling at the log's end gets an empty page, not an error.
            return Reply.ok(new JsonObject().put("start", start).put("end", start).put("entries", new JsonArray()));
        }
        if (start < 0 || end <= start) {
            throw range("start must be 0 or more and end greater than start; got start=" + start + ", end=" + end);
        }
        if (end > size) {
            throw range("the log holds " + size + " entries; end=" + end + " is beyond it");
        }
        end = Math.min(end, start + MAX_ENTRIES);
        JsonArray out = new JsonArray();
        long index = start;
        Base64.Encoder b64 = Base64.getEncoder();
        for (byte[] entry : reader.entries(start, end)) {
            out.add(new JsonObject().put("index", index++).put("data", b64.encodeToString(entry)));
        }
        return Reply.ok(new JsonObject().put("start", start).put("end", end).put("entries", out));
    }

    private Reply inclusion(Call c) {
        long size = requiredLong(c, "size");
        long index = requiredLong(c, "index");
        long tree = writer.tail().size();
        if (size < 1 || size > tree) {
            throw range("size must be between 1 and the log's size " + tree + "; got " + size);
        }
        if (index < 0 || index >= size) {
            throw range("index must be between 0 and size-1 (" + (size - 1) + "); got " + index);
        }
        return Reply.ok(new JsonObject().put("index", index).put("size", size)
                .put("hashes", hashes(reader.inclusion(index, size))));
    }

    private Reply consistency(Call c) {
        long from = requiredLong(c, "from");
        long to = requiredLong(c, "to");
        long tree = writer.tail().size();
        if (to < 1 || to > tree) {
            throw range("to must be between 1 and the log's size " + tree + "; got " + to);
        }
        if (from < 1 || from > to) {
            throw range("from must be between 1 and to (" + to + "); got " + from);
        }
        return Reply.ok(new JsonObject().put("from", from).put("to", to)
                .put("hashes", hashes(reader.consistency(from, to))));
    }

    private Reply cosign(Call c) {
        String type = c.contentType() == null ? "" : c.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("text/plain")) {
            throw new ApiException(ErrorCode.MEDIA_TYPE_UNSUPPORTED,
                    "send the cosigned checkpoint as text/plain (a C2SP signed note)");
        }
        if (!c.hasBody()) {
            throw new ApiException(ErrorCode.LEDGER_COSIGNATURE_INVALID, "the body must be a cosigned checkpoint");
        }
        int count = witnesses.accept(c.body().toString(StandardCharsets.UTF_8));
        return Reply.ok(new JsonObject().put("cosignatures", count).put("quorum", witnesses.quorum()));
    }

    static JsonArray hashes(List<byte[]> hashes) {
        JsonArray out = new JsonArray();
        Base64.Encoder b64 = Base64.getEncoder();
        for (byte[] h : hashes) {
            out.add(b64.encodeToString(h));
        }
        return out;
    }

    private static ApiException range(String message) {
        return new ApiException(ErrorCode.LEDGER_RANGE_INVALID, message);
    }

    private static long requiredLong(Call c, String name) {
        if (c.query().get(name) == null || c.query().get(name).isEmpty()) {
            throw new ApiException(ErrorCode.QUERY_INVALID, name + " is required");
        }
        return longParam(c, name, 0);
    }

    static long longParam(Call c, String name, long fallback) {
        String v = c.query().get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.QUERY_INVALID, name + " must be a whole number, got '"
                    + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'");
        }
    }
}
