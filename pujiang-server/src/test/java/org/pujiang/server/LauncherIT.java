package org.pujiang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.server.testing.ApiClient;

/**
 * The launcher as an operator uses it: bin/pujiang runs the packaged jar, serves, stops on SIGTERM,
 * and the admin verbs work on the same data dir. Runs after packaging (failsafe).
 */
class LauncherIT {
    private static final Path HOME = Path.of(System.getProperty("pujiang.home", "..")).toAbsolutePath().normalize();
    private static final Pattern READY = Pattern.compile("Pujiang is ready at (http://127\\.0\\.0\\.1:\\d+)/");
    private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");

    @TempDir
    Path temp;

    /** A launched process whose output is collected as it comes. */
    private static final class Launched {
        final Process process;
        final List<String> lines = new ArrayList<>();

        Launched(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process went away
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        /** Waits for a line matching {@code p}; fails with the output so far when it does not come. */
        Matcher await(Pattern p, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lines) {
                int seen = 0;
                while (true) {
                    for (; seen < lines.size(); seen++) {
                        Matcher m = p.matcher(lines.get(seen));
                        if (m.find()) {
                            return m;
                        }
                    }
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                        throw new AssertionError("no line matching " + p + " within " + seconds + " s; output:\n" + output());
                    }
                    lines.wait(Math.min(left, 200));
                }
            }
        }

        int exit(long seconds) throws InterruptedException {
            assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("exited in time; output:\n" + output()).isTrue();
            Thread.sleep(100); // let the reader drain the last lines
            return process.exitValue();
        }
    }

    private Launched launch(String stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(HOME.resolve("bin/pujiang").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(temp.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PUJIANG_"));
        // The jar packaged by this build; the launcher must not try to rebuild it mid-test.
        env.put("PUJIANG_JAR", HOME.resolve("pujiang-server/target/pujiang.jar").toString());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Launched(p);
    }

    @Test
    void versionAndHelpWorkOnEveryCommand() throws Exception {
        Launched version = launch(null, "--version");
        assertThat(version.exit(60)).isZero();
        assertThat(version.output()).contains("pujiang 0.1.0").contains("Java ");
        Launched help = launch(null, "serve", "--help");
        assertThat(help.exit(60)).isZero();
        assertThat(help.output()).contains("--port", "--host", "--db", "--data-dir", "--config", "--mqtt-port");
        for (String[] cmd : new String[][] {{"admin", "--help"}, {"admin", "create-user", "--help"},
            {"admin", "reset-password", "--version"}}) {
            Launched l = launch(null, cmd);
            assertThat(l.exit(60)).as(String.join(" ", cmd)).isZero();
        }
    }

    @Test
    void servesStopsOnSigtermAndKeepsItsDataAcrossAdminChores() throws Exception {
        Path data = temp.resolve("data");
        Launched first = launch(null, "serve", "--port", "0", "--mqtt-port", "-1", "--data-dir", data.toString());
        String password = first.await(PASSWORD, 120).group(1);
        String base = first.await(READY, 120).group(1);
        ApiClient api = new ApiClient(base);
        assertThat(api.get("/api/health", null).status()).isEqualTo(200);
        assertThat(api.get("/api/me", api.login("admin", password)).json().getString("role")).isEqualTo("admin");
        assertThat(first.output()).contains("effective configuration:").contains("db.url =").doesNotContain(password + " (");

        first.process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        int code = first.exit(30);
        assertThat(code).as(first.output()).isIn(0, 143);
        assertThat(first.output()).contains("shutting down").contains("database closed").contains("stopped");

        Launched reset = launch("a-new-admin-password\n", "admin", "reset-password", "--username", "admin",
                "--password-stdin", "--data-dir", data.toString());
        assertThat(reset.exit(60)).as(reset.output()).isZero();
        Launched create = launch("operator-password\n", "admin", "create-user", "--username", "opal", "--role", "operator",
                "--display-name", "运营 Opal", "--password-stdin", "--data-dir", data.toString());
        assertThat(create.exit(60)).as(create.output()).isZero();
        assertThat(create.output()).contains("created operator opal");
        Launched duplicate = launch("operator-password\n", "admin", "create-user", "--username", "OPAL",
                "--password-stdin", "--data-dir", data.toString());
        assertThat(duplicate.exit(60)).isEqualTo(2);
        assertThat(duplicate.output()).contains("taken").doesNotContain("Exception");

        Launched second = launch(null, "serve", "--port", "0", "--mqtt-port", "-1", "--data-dir", data.toString());
        base = second.await(READY, 120).group(1);
        assertThat(second.output()).doesNotContain("password:");
        api = new ApiClient(base);
        assertThat(api.post("/api/auth/login", null, new JsonObject().put("username", "admin").put("password", password))
                .status()).isEqualTo(401);
        assertThat(api.get("/api/me", api.login("admin", "a-new-admin-password")).json().getString("role")).isEqualTo("admin");
        JsonObject opal = api.get("/api/me", api.login("opal", "operator-password")).json();
        assertThat(opal.getString("role")).isEqualTo("operator");
        assertThat(opal.getString("displayName")).isEqualTo("运营 Opal");
        assertThat(api.get("/api/spaces", api.guest()).json().getLong("total"))
                .as("3 demo spaces, the collectibles gallery, the factory twin space and the city sandbox, made"
                        + " once").isEqualTo(6);
        second.process.toHandle().destroy();
        assertThat(second.exit(30)).isIn(0, 143);
    }

    @Test
    void aTakenPortStopsTheStartBeforeTheAdminIsCreated() throws Exception {
        Path data = temp.resolve("taken");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Launched busy = launch(null, "serve", "--port", Integer.toString(taken.getLocalPort()), "--data-dir",
                    data.toString());
            assertThat(busy.exit(90)).as(busy.output()).isEqualTo(2);
            assertThat(busy.output()).contains("cannot listen").doesNotContain("password:", "\tat ");
        }
        // The same for the MQTT port, which a broker installed alongside (mosquitto) may hold.
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Launched busy = launch(null, "serve", "--port", "0", "--mqtt-port", Integer.toString(taken.getLocalPort()),
                    "--data-dir", data.toString());
            assertThat(busy.exit(90)).as(busy.output()).isEqualTo(2);
            assertThat(busy.output()).contains("MQTT port", "--mqtt-port").doesNotContain("password:", "\tat ");
        }
        // The admin was not made unseen: the next start still shows its generated password.
        Launched next = launch(null, "serve", "--port", "0", "--mqtt-port", "-1", "--data-dir", data.toString());
        assertThat(next.await(PASSWORD, 120).group(1)).isNotBlank();
        next.await(READY, 120);
        next.process.toHandle().destroy();
        assertThat(next.exit(30)).isIn(0, 143);
    }

    @Test
    void badConfigurationStopsWithOneClearLine() throws Exception {
        Path data = temp.resolve("bad");
        Launched port = launch(null, "serve", "--set", "http.port=eighty", "--data-dir", data.toString());
        assertThat(port.exit(60)).isEqualTo(2);
        assertThat(port.output()).contains("http.port").contains("eighty").doesNotContain("Exception", "\tat ");

        Launched unknown = launch(null, "serve", "--set", "http.prot=80", "--data-dir", data.toString());
        assertThat(unknown.exit(60)).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown setting 'http.prot'");

        Path config = temp.resolve("pujiang.properties");
        Files.writeString(config, "auth.session-ttl=twelve hours\n");
        Launched file = launch(null, "serve", "--config", config.toString(), "--data-dir", data.toString());
        assertThat(file.exit(60)).isEqualTo(2);
        assertThat(file.output()).contains("auth.session-ttl").contains("file " + config);

        Launched secret = launch(null, "serve", "--set", "db.password=oops", "--data-dir", data.toString());
        assertThat(secret.exit(60)).isEqualTo(2);
        assertThat(secret.output()).contains("PUJIANG_DB_PASSWORD");

        Launched noDb = launch(null, "serve", "--db", "jdbc:postgresql://127.0.0.1:1/nothing", "--data-dir", data.toString());
        assertThat(noDb.exit(90)).isEqualTo(3);
        assertThat(noDb.output()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/nothing").doesNotContain("\tat ");
    }
}
