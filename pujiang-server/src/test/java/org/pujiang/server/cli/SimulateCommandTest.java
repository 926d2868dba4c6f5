package org.pujiang.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pujiang simulate} against stand-ins: a JDK HTTP server for sign-in and credentials, a Vert.x MQTT server
 * for the device endpoint. The real server's end-to-end test is the lead's; this pins the client side.
 */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer http;
    private Vertx vertx;

    private record Run(int code, String out, String err) {
    }

    @AfterEach
    void tearDown() throws Exception {
        if (http != null) {
            http.stop(0);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Run simulate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Sign-in answers {@code loginStatus}; credentials answer {@code credentialsStatus} with token "tok-{id}". */
    private String rest(int loginStatus, int credentialsStatus) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/auth/login", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            boolean ok = loginStatus == 200 && body.path("username").asText().equals("admin")
                    && body.path("password").asText().equals("s3cret-pw");
            String answer = ok ? "{\"token\":\"session-1\",\"expiresAt\":\"2030-01-01T00:00:00Z\",\"user\":{}}"
                    : "{\"error\":\"auth:credentials.invalid\",\"message\":\"wrong username or password\"}";
            reply(ex, ok ? 200 : 401, answer);
        });
        http.createContext("/api/twins/", ex -> {
            String path = ex.getRequestURI().getPath();
            String id = path.substring("/api/twins/".length(), path.length() - "/credentials".length());
            boolean authorised = "Bearer session-1".equals(ex.getRequestHeaders().getFirst("Authorization"));
            if (!authorised) {
                reply(ex, 401, "{\"error\":\"auth:token.missing\",\"message\":\"no token\"}");
            } else if (credentialsStatus == 201) {
                reply(ex, 201, "{\"token\":\"tok-" + id + "\"}");
            } else {
                reply(ex, credentialsStatus, "{\"error\":\"twin:not-found\",\"message\":\"no twin " + id + "\"}");
            }
        });
        http.start();
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void withoutAPasswordItSaysHowToGiveOne() {
        Run r = simulate("--password=", "--url", "http://127.0.0.1:1");
        assertThat(r.code()).isEqualTo(Failures.CONFIG);
        assertThat(r.err()).contains("--password").contains("PUJIANG_ADMIN_PASSWORD").doesNotContain("Exception");
    }

    @Test
    void anUnreachableServerIsOneLineAndExitCode4() throws IOException {
        Run r = simulate("--password", "x", "--url", "http://127.0.0.1:" + freePort());
        assertThat(r.code()).isEqualTo(SimulateCommand.UNREACHABLE);
        assertThat(r.err()).contains("cannot reach the server").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aRefusedSignInIsExitCode5WithTheServersReason() throws IOException {
        String url = rest(401, 201);
        Run r = simulate("--password", "wrong", "--url", url);
        assertThat(r.code()).isEqualTo(SimulateCommand.REFUSED);
        assertThat(r.err()).contains("sign-in as admin refused").contains("wrong username or password")
                .contains("auth:credentials.invalid");
    }

    @Test
    void missingDemoTwinsAreNamed() throws IOException {
        String url = rest(200, 404);
        Run r = simulate("--password", "s3cret-pw", "--url", url, "--twins", "factory-press-a,city-light-nw");
        assertThat(r.code()).isEqualTo(SimulateCommand.NO_DEMO);
        assertThat(r.err()).contains("factory-press-a").contains("city-light-nw");
    }

    @Test
    void anUnreachableMqttEndpointIsExitCode4() throws IOException {
        String url = rest(200, 201);
        Run r = simulate("--password", "s3cret-pw", "--url", url, "--mqtt", "tcp://127.0.0.1:" + freePort(),
                "--twins", "factory-press-a");
        assertThat(r.code()).isEqualTo(SimulateCommand.UNREACHABLE);
        assertThat(r.err()).contains("cannot reach the MQTT endpoint").doesNotContain("\tat ");
    }

    @Test
    void anUnknownDeviceTokenIsExitCode5() throws Exception {
        String url = rest(200, 201);
        int port = mqtt(Map.of(), new CopyOnWriteArrayList<>(), "nobody");
        Run r = simulate("--password", "s3cret-pw", "--url", url, "--mqtt", "tcp://127.0.0.1:" + port,
                "--twins", "factory-press-a");
        assertThat(r.code()).isEqualTo(SimulateCommand.REFUSED);
        assertThat(r.err()).contains("refused device factory-press-a");
    }

    @Test
    void devicesReportAnswerRpcsAndFollowDesiredValues() throws Exception {
        String url = rest(200, 201);
        Map<String, MqttEndpoint> endpoints = new ConcurrentHashMap<>();
        List<String[]> received = new CopyOnWriteArrayList<>();
        int port = mqtt(endpoints, received, null);
        Thread.ofVirtual().start(() -> {
            try {
                // once both devices are subscribed: stop the press, dim the light, report one rejection
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (endpoints.size() < 2 || !subscribed.keySet().containsAll(List.of("tok-factory-press-a", "tok-city-light-nw"))) {
                    if (System.nanoTime() > until) {
                        return;
                    }
                    Thread.sleep(20);
                }
                Thread.sleep(300);
                MqttEndpoint press = endpoints.get("tok-factory-press-a");
                MqttEndpoint light = endpoints.get("tok-city-light-nw");
                vertx.runOnContext(v -> {
                    press.publish("v1/devices/me/rpc/request/7",
                            Buffer.buffer("{\"method\":\"stop\",\"params\":null}"), MqttQoS.AT_LEAST_ONCE, false, false);
                    press.publish("v1/devices/me/rpc/request/8",
                            Buffer.buffer("{\"method\":\"launch\"}"), MqttQoS.AT_LEAST_ONCE, false, false);
                    light.publish("twins/city-light-nw/update/delta",
                            Buffer.buffer("{\"state\":{\"on\":true,\"brightness\":30},\"version\":4}"),
                            MqttQoS.AT_LEAST_ONCE, false, false);
                    light.publish("v1/devices/me/errors", Buffer.buffer(
                            "{\"code\":\"twin:payload.invalid\",\"message\":\"/power: 999 is above maximum 250\",\"pointer\":\"/power\"}"),
                            MqttQoS.AT_LEAST_ONCE, false, false);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Run r = simulate("--password", "s3cret-pw", "--url", url, "--mqtt", "tcp://127.0.0.1:" + port,
                "--twins", "factory-press-a,city-light-nw", "--rate", "5", "--duration", "3s", "--status-every", "1s",
                "--seed", "42");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("simulating 2 devices").contains("seed 42").contains("stopped.")
                .contains("rejected 1").contains("rpc 2").contains("desired 1")
                .contains("last problem: city-light-nw: twin:payload.invalid: /power: 999 is above maximum 250");

        List<String[]> telemetry = received.stream().filter(m -> m[1].equals("v1/devices/me/telemetry")).toList();
        assertThat(telemetry.size()).as("two devices at 5 Hz for 3 s").isBetween(20, 40);
        for (String[] m : telemetry) {
            JsonNode body = JSON.readTree(m[2]);
            assertThat(body.path("ts").asLong()).isPositive();
            assertThat(body.path("values").isObject()).isTrue();
        }
        assertThat(received).anySatisfy(m -> {
            assertThat(m[0]).isEqualTo("tok-factory-press-a");
            assertThat(m[1]).isEqualTo("v1/devices/me/rpc/response/7");
            assertThat(m[2]).isEqualTo("{\"ok\":true}");
        });
        assertThat(received).anySatisfy(m -> {
            assertThat(m[1]).isEqualTo("v1/devices/me/rpc/response/8");
            assertThat(m[2]).contains("\"ok\":false").contains("launch");
        });
        JsonNode lastPress = last(telemetry, "tok-factory-press-a");
        assertThat(lastPress.path("values").path("state").asText()).isEqualTo("idle");
        JsonNode lastLight = last(telemetry, "tok-city-light-nw");
        assertThat(lastLight.path("values").path("on").asBoolean()).isTrue();
        assertThat(lastLight.path("values").path("brightness").asDouble()).isEqualTo(30);
    }

    private static JsonNode last(List<String[]> messages, String client) throws IOException {
        String[] last = null;
        for (String[] m : messages) {
            if (m[0].equals(client)) {
                last = m;
            }
        }
        assertThat(last).as("telemetry from " + client).isNotNull();
        return JSON.readTree(last[2]);
    }

    private final Map<String, Boolean> subscribed = new ConcurrentHashMap<>();

    /**
     * A stand-in MQTT endpoint: accepts every device (or only {@code refuseAllBut}), grants every subscription, acknowledges
     * every QoS 1 publish, and records {username, topic, payload}.
     */
    private int mqtt(Map<String, MqttEndpoint> endpoints, List<String[]> received, String refuseAllBut) throws Exception {
        vertx = Vertx.vertx();
        MqttServer server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(0));
        server.endpointHandler(ep -> {
            // Vert.x's server shows a username only with a password; the devices send the token alone, as
            // ThingsBoard devices do, so the stand-in knows them by client id ("pujiang-sim-" + twin id)
            String user = ep.auth() != null ? ep.auth().getUsername()
                    : "tok-" + ep.clientIdentifier().substring("pujiang-sim-".length());
            if (refuseAllBut != null && !refuseAllBut.equals(user)) {
                ep.reject(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
                return;
            }
            ep.subscribeHandler(sub -> {
                ep.subscribeAcknowledge(sub.messageId(),
                        sub.topicSubscriptions().stream().map(MqttTopicSubscription::qualityOfService).toList());
                subscribed.put(user, true);
            });
            ep.publishHandler(m -> {
                received.add(new String[] {user, m.topicName(), m.payload().toString(StandardCharsets.UTF_8)});
                if (m.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                    ep.publishAcknowledge(m.messageId());
                }
            });
            ep.accept(false);
            endpoints.put(user, ep);
        });
        return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }
}
