package org.pujiang.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pujiang.server.config.ConfigException;
import org.pujiang.server.twin.demo.DemoDevice;
import org.pujiang.server.twin.demo.DemoFleet;
import org.pujiang.server.twin.demo.DemoSignals;
import org.pujiang.server.twin.demo.DemoTwinsFile;
import org.pujiang.twin.model.Parsed;
import org.pujiang.twin.model.ThingModels;
import org.pujiang.twin.model.TwinModel;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pujiang simulate}: plays the devices of the demo twins against a running server. Signs in over REST,
 * issues a device token for each demo twin that reports values ({@code POST /api/twins/{id}/credentials}), then
 * runs a {@link DemoFleet}: one MQTT client per device, publishing {@link DemoSignals} values, answering RPCs and
 * following desired values. Prints a status line every few seconds.
 *
 * <p>Exit codes: 0 after {@code --duration} or Ctrl-C; 2 bad options or no password; 4 the server (REST or MQTT)
 * cannot be reached; 5 sign-in or a device token refused; 6 the server lacks demo twins; 1 anything else the
 * server answered unexpectedly. Each failure prints one line, no stack trace.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Play the demo twins' devices against a running server: one MQTT device per demo twin, "
                + "publishing plausible values, answering RPCs and following desired values. Stops after "
                + "--duration or on Ctrl-C.")
final class SimulateCommand implements java.util.concurrent.Callable<Integer> {
    static final int UNREACHABLE = 4;
    static final int REFUSED = 5;
    static final int NO_DEMO = 6;
    static final int UNEXPECTED = 1;
    static final String PASSWORD_ENV = "PUJIANG_ADMIN_PASSWORD";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The server's REST base URL. Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--mqtt", paramLabel = "URL", defaultValue = "tcp://127.0.0.1:1883",
            description = "The server's MQTT endpoint (tcp://host:port). Default: ${DEFAULT-VALUE}.")
    URI mqtt;

    @Option(names = "--username", defaultValue = "admin",
            description = "Account that issues the device tokens (admin or operator). Default: ${DEFAULT-VALUE}.")
    String username;

    @Option(names = "--password", description = "Its password. Default: the environment variable "
            + PASSWORD_ENV + ".")
    String password;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "1",
            description = "Reports per second per device. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "How long to run: 90s, 10m, 2h or ISO-8601 (PT10M). Default: until Ctrl-C.")
    String duration;

    @Option(names = "--seed", description = "Seed of the simulated values; the same seed gives the same signals. "
            + "Default: a random one, printed.")
    Long seed;

    @Option(names = "--day", paramLabel = "TIME", defaultValue = "10m",
            description = "How long a day of the demo city lasts (streetlights, traffic, air). Default: ${DEFAULT-VALUE}.")
    String day;

    @Option(names = "--twins", split = ",", paramLabel = "ID",
            description = "Only these demo twins (comma-separated ids). Default: every demo twin that reports values.")
    List<String> only;

    @Option(names = "--status-every", paramLabel = "TIME", defaultValue = "5s",
            description = "How often to print the status line. Default: ${DEFAULT-VALUE}.")
    String statusEvery;

    /** A failure that ends the command with one line and an exit code. */
    private static final class Exit extends Exception {
        final int code;

        Exit(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out);
        } catch (Exit e) {
            err.println("pujiang: " + e.getMessage());
            err.flush();
            return e.code;
        }
    }

    private int run(PrintWriter out) throws Exit, InterruptedException {
        quietClientLogs();
        String pw = password != null ? password : System.getenv(PASSWORD_ENV);
        if (pw == null || pw.isEmpty()) {
            throw new ConfigException("no password: give --password or set " + PASSWORD_ENV);
        }
        if (!(rate > 0 && rate <= 1000)) {
            throw new ConfigException("--rate must be above 0 and at most 1000, got " + rate);
        }
        Duration runFor = duration == null ? null : parseDuration("--duration", duration);
        Duration dayLength = parseDuration("--day", day);
        if (dayLength.toMillis() < 60_000) {
            throw new ConfigException("--day must be at least a minute, got " + day);
        }
        Duration status = parseDuration("--status-every", statusEvery);
        DemoFleet.Options mqttTarget = mqttTarget();
        URI base = restBase();

        DemoTwinsFile demo = DemoTwinsFile.load();
        Map<String, TwinModel> models = models(demo);
        List<DemoTwinsFile.Twin> twins = deviceTwins(demo, models);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String session = signIn(http, base, pw);
        Map<String, String> tokens = issueTokens(http, base, session, twins);

        long s = seed != null ? seed : new SecureRandom().nextLong() & 0xFFFF_FFFFL;
        long origin = System.currentTimeMillis();
        DemoSignals signals = DemoSignals.create(s, dayLength, origin);
        List<DemoFleet.Device> devices = new ArrayList<>();
        for (DemoTwinsFile.Twin t : twins) {
            DemoDevice d = signals.device(t.id(), models.get(t.model())).orElseThrow();
            devices.add(new DemoFleet.Device(tokens.get(t.id()), d));
        }

        Vertx vertx = Vertx.vertx();
        DemoFleet fleet;
        try {
            fleet = DemoFleet.start(vertx, mqttTarget, devices, System::currentTimeMillis)
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            vertx.close();
            if (e.getCause() instanceof DemoFleet.StartException f) {
                throw new Exit(f.unreachable() ? UNREACHABLE : REFUSED, f.getMessage());
            }
            throw new Exit(UNEXPECTED, "the devices could not start: " + e.getCause());
        } catch (TimeoutException e) {
            vertx.close();
            throw new Exit(UNREACHABLE, "the MQTT endpoint at " + mqtt + " did not let the devices in within 60 s");
        }
        out.printf(Locale.ROOT, "simulating %d devices on %s at %s Hz each; seed %d; a city day lasts %s. %s%n",
                devices.size(), mqtt, trim(rate), s, day, runFor == null ? "Ctrl-C stops." : "Runs for " + duration + ".");
        out.flush();

        Finisher finisher = new Finisher(fleet, vertx, out, origin);
        Thread hook = new Thread(finisher::finish, "pujiang-simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long end = runFor == null ? Long.MAX_VALUE : origin + runFor.toMillis();
        String problem = null;
        while (!finisher.done() && System.currentTimeMillis() < end) {
            long wait = Math.min(status.toMillis(), end - System.currentTimeMillis());
            if (finisher.latch.await(Math.max(1, wait), TimeUnit.MILLISECONDS)) {
                break;
            }
            out.println(statusLine(fleet.stats(), System.currentTimeMillis() - origin));
            String p = fleet.lastProblem();
            if (p != null && !p.equals(problem)) {
                out.println("  last problem: " + p);
                problem = p;
            }
            out.flush();
        }
        finisher.finish();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and has finished the run
        }
        return 0;
    }

    /**
     * The MQTT client logs a stack trace for every refused connection; this command reports those itself, in one
     * line, so the client's own log stays off.
     */
    private static void quietClientLogs() {
        if (LoggerFactory.getLogger("io.vertx.mqtt") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    /** Stops the fleet and prints the summary once, from the main thread or from the shutdown hook. */
    private static final class Finisher {
        final CountDownLatch latch = new CountDownLatch(1);
        private final DemoFleet fleet;
        private final Vertx vertx;
        private final PrintWriter out;
        private final long origin;
        private boolean finished;

        Finisher(DemoFleet fleet, Vertx vertx, PrintWriter out, long origin) {
            this.fleet = fleet;
            this.vertx = vertx;
            this.out = out;
            this.origin = origin;
        }

        boolean done() {
            return latch.getCount() == 0;
        }

        synchronized void finish() {
            if (finished) {
                return;
            }
            finished = true;
            latch.countDown();
            try {
                fleet.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the devices go away with the process anyway
            }
            out.println("stopped. " + statusLine(fleet.stats(), System.currentTimeMillis() - origin));
            out.flush();
            // wait for Vert.x's threads to end, so that the process exits as soon as the command returns
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // nothing left to save
            }
        }
    }

    static String statusLine(DemoFleet.Stats s, long elapsedMillis) {
        return String.format(Locale.ROOT,
                "[%5ds] devices %d/%d · sent %d · acked %d · rejected %d · unacked %d · dropped %d · rpc %d · desired %d%s",
                elapsedMillis / 1000, s.connected(), s.devices(), s.sent(), s.acked(), s.rejected(), s.unacked(),
                s.dropped(), s.rpcs(), s.desired(), s.reconnects() == 0 ? "" : " · reconnects " + s.reconnects());
    }

    private URI restBase() {
        String scheme = url.getScheme();
        if (url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new ConfigException("--url must be an http(s) URL such as http://127.0.0.1:8080, got " + url);
        }
        String s = url.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    private DemoFleet.Options mqttTarget() {
        String scheme = mqtt.getScheme();
        if (mqtt.getHost() == null || !("tcp".equals(scheme) || "mqtt".equals(scheme))) {
            throw new ConfigException("--mqtt must be tcp://host:port, got " + mqtt);
        }
        return new DemoFleet.Options(mqtt.getHost(), mqtt.getPort() < 0 ? 1883 : mqtt.getPort(), rate);
    }

    private static Map<String, TwinModel> models(DemoTwinsFile demo) {
        Map<String, TwinModel> out = new HashMap<>();
        demo.modelDocuments().forEach((file, json) -> {
            if (!(ThingModels.parse(json) instanceof Parsed.Ok ok)) {
                throw new IllegalStateException("demo model " + file + " does not parse: " + ThingModels.parse(json));
            }
            out.put(ok.model().id(), ok.model());
        });
        return out;
    }

    /** The demo twins that report values, narrowed to {@code --twins}. */
    private List<DemoTwinsFile.Twin> deviceTwins(DemoTwinsFile demo, Map<String, TwinModel> models) {
        Set<String> wanted = only == null ? null : new LinkedHashSet<>(only);
        List<DemoTwinsFile.Twin> out = new ArrayList<>();
        for (DemoTwinsFile.Twin t : demo.twins()) {
            boolean reports = !models.get(t.model()).properties().isEmpty();
            if (wanted == null ? reports : wanted.remove(t.id())) {
                if (!reports) {
                    throw new ConfigException("--twins: " + t.id() + " reports nothing (its model has no properties)");
                }
                out.add(t);
            }
        }
        if (wanted != null && !wanted.isEmpty()) {
            throw new ConfigException("--twins: no demo twin " + String.join(", ", wanted));
        }
        if (out.isEmpty()) {
            throw new ConfigException("no devices to simulate");
        }
        return out;
    }

    private String signIn(HttpClient http, URI base, String pw) throws Exit, InterruptedException {
        String body = JSON.createObjectNode().put("username", username).put("password", pw).toString();
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), base);
        if (r.statusCode() != 200) {
            throw new Exit(r.statusCode() >= 500 ? UNEXPECTED : REFUSED,
                    "sign-in as " + username + " refused: " + problem(r));
        }
        String token = readJson(r).path("token").asText("");
        if (token.isEmpty()) {
            throw new Exit(UNEXPECTED, "sign-in answered 200 without a token");
        }
        return token;
    }

    private Map<String, String> issueTokens(HttpClient http, URI base, String session, List<DemoTwinsFile.Twin> twins)
            throws Exit, InterruptedException {
        Map<String, String> tokens = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (DemoTwinsFile.Twin t : twins) {
            URI uri = URI.create(base + "/api/twins/" + URLEncoder.encode(t.id(), StandardCharsets.UTF_8) + "/credentials");
            HttpResponse<String> r = send(http, HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + session).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")), base);
            switch (r.statusCode()) {
                case 200, 201 -> {
                    String token = readJson(r).path("token").asText("");
                    if (token.isEmpty()) {
                        throw new Exit(UNEXPECTED, "credentials for " + t.id() + " came without a token");
                    }
                    tokens.put(t.id(), token);
                }
                case 404 -> missing.add(t.id());
                case 401, 403 -> throw new Exit(REFUSED, username + " may not issue device tokens for " + t.id()
                        + ": " + problem(r));
                default -> throw new Exit(UNEXPECTED, "credentials for " + t.id() + ": " + problem(r));
            }
        }
        if (!missing.isEmpty()) {
            throw new Exit(NO_DEMO, "the server has no demo twin " + String.join(", ", missing)
                    + ". A server creates the demo twins on its first start with an empty database.");
        }
        return tokens;
    }

    private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, URI base)
            throws Exit, InterruptedException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Exit(UNREACHABLE, "cannot reach the server at " + base + ": "
                    + (e instanceof ConnectException ? "connection refused" : "no answer")
                    + ". Is it running (pujiang serve)?");
        } catch (IOException e) {
            throw new Exit(UNREACHABLE, "cannot reach the server at " + base + ": " + e);
        }
    }

    private static JsonNode readJson(HttpResponse<String> r) throws Exit {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Exit(UNEXPECTED, r.uri() + " answered " + r.statusCode() + " with something other than JSON");
        }
    }

    /** "HTTP 401: wrong username or password (auth:credentials.invalid)" from a Pujiang error body. */
    private static String problem(HttpResponse<String> r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            String message = body.path("message").asText("");
            String code = body.path("error").asText("");
            if (!message.isEmpty()) {
                return "HTTP " + r.statusCode() + ": " + message + (code.isEmpty() ? "" : " (" + code + ")");
            }
        } catch (IOException | RuntimeException e) {
            // not a Pujiang error body: fall through to the status alone
        }
        return "HTTP " + r.statusCode();
    }

    /** {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 500ms}, or ISO-8601 ({@code PT10M}). */
    static Duration parseDuration(String option, String text) {
        Objects.requireNonNull(text, option);
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(t);
        Duration d;
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            d = Duration.ofMillis(Math.round(n * unit));
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new ConfigException(option + " must be a duration such as 90s, 10m, 2h or PT10M, got " + text);
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(option + " must be positive, got " + text);
        }
        return d;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
