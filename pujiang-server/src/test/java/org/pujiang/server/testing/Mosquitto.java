package org.pujiang.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Debian mosquitto broker as a child process, listening on a free port on 127.0.0.1 with anonymous access
 * and no persistence. Without the binary the calling test is skipped with a loud message, or fails when
 * {@code CI=true} (.ci/run installs the {@code mosquitto} package), so CI can never pass without a real broker.
 */
public final class Mosquitto implements AutoCloseable {
    private static final List<String> BINARIES = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto");

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a broker whose config and log live in {@code dir}. */
    public static Mosquitto start(Path dir) throws IOException {
        Path binary = BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            String why = "mosquitto is not installed (looked for " + BINARIES + "), so the MQTT broker bridge "
                    + "tests cannot run. Install it with `apt-get install -y mosquitto`.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true: " + why);
            }
            System.err.println("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                    + "!!! SKIPPING mosquitto tests: " + why
                    + "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
            Assumptions.abort("SKIPPED mosquitto: " + why);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Mosquitto m = new Mosquitto(binary, dir, port);
        m.startProcess();
        return m;
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker (SIGTERM, then SIGKILL) and waits for it to be gone. */
    public void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the broker again on the same port, after {@link #stop()}. */
    public void restart() throws IOException {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() throws IOException {
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "log_dest stdout\n");
        Path log = dir.resolve("mosquitto.log");
        process = new ProcessBuilder(binary.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                fail("mosquitto exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for mosquitto", ie);
                }
            }
        }
        stop();
        fail("mosquitto did not listen on port " + port + " within 10 s: " + Files.readString(log));
    }
}
