package org.pujiang.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.pujiang.server.PujiangServer;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pujiang serve}: runs the server until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Run the Pujiang server.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port; 0 picks a free one. Default: 8080. "
            + "Env: PUJIANG_HTTP_PORT.")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on. Default: 127.0.0.1; "
            + "0.0.0.0 for all interfaces. Env: PUJIANG_HTTP_HOST.")
    String host;

    @Option(names = "--mqtt-port", paramLabel = "PORT", description = "MQTT device port; 0 turns MQTT off, -1 picks a free one. "
            + "Default: 1883. Env: PUJIANG_MQTT_PORT.")
    Integer mqttPort;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = new LinkedHashMap<>();
        if (port != null) {
            flags.put("http.port", port.toString());
        }
        if (host != null) {
            flags.put("http.host", host);
        }
        if (mqttPort != null) {
            flags.put("mqtt.port", mqttPort.toString());
        }
        Settings settings = storage.resolve(flags);
        for (String unknown : Settings.unknownEnvironment(System.getenv())) {
            log.warn("ignoring environment variable {}: it names no setting (see docs/operations.md)", unknown);
        }
        ServerConfig config = ServerConfig.from(settings);
        StringBuilder effective = new StringBuilder("effective configuration:");
        settings.masked().forEach((k, v) -> effective.append("\n  ").append(k).append(" = ").append(v));
        log.info(effective.toString());

        PujiangServer server = PujiangServer.start(config);
        server.generatedAdminPassword().ifPresent(pw -> System.out.printf("""

                ================================================================
                  First start: created the admin account. Its password is shown
                  only this once; keep it, or set PUJIANG_ADMIN_PASSWORD next time
                  on a fresh data dir.
                    username: %s
                    password: %s
                ================================================================

                """, config.adminUsername(), pw));
        System.out.println("Pujiang is ready at " + server.baseUrl() + "/");
        System.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "pujiang-shutdown"));
        stopped.await();
        return 0;
    }
}
