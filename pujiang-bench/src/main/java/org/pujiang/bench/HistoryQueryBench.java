package org.pujiang.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pujiang-bench history}: how long a history query takes. Seeds one twin with {@code --points} values one
 * second apart (one day by default, ending an hour ago) through the server's own HTTP ingestion, waits until the
 * history writer has stored them, then asks for the whole range downsampled to {@code --buckets} buckets
 * {@code --queries} times, one at a time, and reports the median and spread of the answer time as the client
 * sees it (socket to last byte).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Times history queries: seeds a twin with --points one-second values, then asks for the range "
                + "downsampled to --buckets buckets.")
public final class HistoryQueryBench implements Callable<Integer> {
    private static final String MODEL = """
            {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel",
             "id": "urn:pujiang:bench:history", "title": "History bench",
             "properties": {"v": {"type": "number", "minimum": -1e9, "maximum": 1e9, "readOnly": true}}}
            """;
    /** Samples per ingestion request: well inside the default 64 KiB body limit. */
    static final int BATCH = 1000;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The server. Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--username", defaultValue = "admin")
    String username;

    @Option(names = "--password", description = "Default: the environment variable PUJIANG_ADMIN_PASSWORD.")
    String password;

    @Option(names = "--points", defaultValue = "86400", description = "Values to seed, one second apart. Default: ${DEFAULT-VALUE} (a day).")
    int points;

    @Option(names = "--buckets", defaultValue = "500")
    int buckets;

    @Option(names = "--queries", defaultValue = "30", description = "Timed queries. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed queries first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--twin", description = "Query this twin as it is, without seeding.")
    String twin;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    private long retries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        if (points < 1 || points > 2_500_000 || buckets < 1 || queries < 1 || warmup < 0) {
            System.err.println("history: --points 1..2500000, --buckets and --queries at least 1");
            return 2;
        }
        String pw = password != null ? password : System.getenv("PUJIANG_ADMIN_PASSWORD");
        if (pw == null || pw.isEmpty()) {
            System.err.println("history: give --password or set PUJIANG_ADMIN_PASSWORD");
            return 2;
        }
        String token = send("POST", "/api/auth/login", null, new JsonObject().put("username", username)
                .put("password", pw).encode(), 200).getString("token");
        long end = (Instant.now().toEpochMilli() / 1000 - 3600) * 1000;
        long start = end - points * 1000L;
        String id = twin;
        long seedMs = 0;
        if (id == null) {
            id = "bench-history-" + Long.toString(System.currentTimeMillis(), 36);
            sendRaw("POST", "/api/models", token, MODEL, 201, 409);
            send("POST", "/api/twins", token, new JsonObject().put("id", id).put("model", "urn:pujiang:bench:history")
                    .encode(), 201);
            long t0 = System.nanoTime();
            for (int i = 0; i < points; i += BATCH) {
                JsonArray batch = new JsonArray();
                for (int j = i; j < Math.min(points, i + BATCH); j++) {
                    batch.add(new JsonObject().put("ts", start + j * 1000L)
                            .put("values", new JsonObject().put("v", Math.sin(j / 600.0) * 50 + 50 + (j % 7))));
                }
                ingest(token, id, batch.encode());
            }
            waitForHistory(token, id, start, end);
            seedMs = (System.nanoTime() - t0) / 1_000_000;
        }
        String base = "/api/twins/" + id + "/history?property=v&to=" + end + "&buckets=" + buckets + "&from=";
        long[] micros = new long[queries];
        long count = 0;
        int returned = 0;
        for (int i = 0; i < warmup + queries; i++) {
            long t0 = System.nanoTime();
            // Each query a millisecond earlier than the last: the same range for the data, but not a repeat that a
            // database's result cache (H2 keeps one) could answer without reading.
            JsonObject answer = send("GET", base + (start - i), token, null, 200);
            long took = (System.nanoTime() - t0) / 1000;
            if (i >= warmup) {
                micros[i - warmup] = took;
            }
            JsonArray pts = answer.getJsonArray("points");
            returned = pts.size();
            count = pts.stream().mapToLong(o -> ((JsonObject) o).getLong("count")).sum();
        }
        Arrays.sort(micros);
        JsonObject report = new JsonObject()
                .put("twin", id).put("points", points).put("buckets", buckets).put("bucketsReturned", returned)
                .put("valuesCounted", count).put("queries", queries).put("seedMs", seedMs).put("seedRetries", retries)
                .put("medianMs", micros[queries / 2] / 1000.0)
                .put("p90Ms", micros[Math.min(queries - 1, (int) Math.ceil(queries * 0.9) - 1)] / 1000.0)
                .put("minMs", micros[0] / 1000.0).put("maxMs", micros[queries - 1] / 1000.0);
        if (json) {
            System.out.println(report.encode());
        } else {
            System.out.printf(Locale.ROOT, "history of %s: %d values (%d counted) into %d buckets (%d returned)%n",
                    id, points, count, buckets, returned);
            System.out.printf(Locale.ROOT, "query time over %d queries: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n",
                    queries, report.getDouble("medianMs"), report.getDouble("p90Ms"), report.getDouble("minMs"),
                    report.getDouble("maxMs"));
            if (seedMs > 0) {
                System.out.printf(Locale.ROOT, "seeding took %.1f s (%.0f values/s, stored; %d batches sent again after"
                        + " 503/429)%n", seedMs / 1000.0, points * 1000.0 / seedMs, retries);
            }
        }
        return count == points || twin != null ? 0 : 1;
    }

    /** As a device does: a 503 (history busy) or 429 (over the device budget) is sent again after a pause. */
    private void ingest(String token, String id, String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/twins/" + id + "/telemetry"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 202) {
                return;
            }
            if ((answer.statusCode() != 503 && answer.statusCode() != 429) || attempt > 600) {
                throw new IllegalStateException("telemetry answered " + answer.statusCode() + ": " + answer.body());
            }
            retries++;
            Thread.sleep(100);
        }
    }

    /** Polls a one-bucket query until every seeded value is stored (the writer batches them). */
    private void waitForHistory(String token, String id, long start, long end) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray pts = send("GET", "/api/twins/" + id + "/history?property=v&from=" + start + "&to=" + end
                    + "&buckets=1", token, null, 200).getJsonArray("points");
            if (!pts.isEmpty() && pts.getJsonObject(0).getLong("count") >= points) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the history of " + id + " did not reach " + points + " values in 5 minutes");
    }

    private JsonObject send(String method, String path, String token, String body, int expected) throws Exception {
        return new JsonObject(sendRaw(method, path, token, body, expected, expected));
    }

    private String sendRaw(String method, String path, String token, String body, int expected, int alsoOk)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected && r.statusCode() != alsoOk) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private String sendRaw(String method, String path, String token, String body, int expected) throws Exception {
        return sendRaw(method, path, token, body, expected, expected);
    }
}
