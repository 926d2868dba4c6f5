package org.pujiang.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path temp;

    @Test
    void layersOverrideInOrderDefaultsFileEnvFlags() throws Exception {
        Path file = temp.resolve("pujiang.properties");
        Files.writeString(file, "http.port=9000\nhttp.host=0.0.0.0\ndb.pool-size=4\nauth.session-ttl=PT1H\n",
                StandardCharsets.UTF_8);
        Settings s = Settings.resolve(file, Map.of("PUJIANG_HTTP_PORT", "9100", "PUJIANG_DB_POOL_SIZE", "6", "UNRELATED", "x"),
                Map.of("http.port", "9200"));
        assertThat(s.get("http.port")).isEqualTo("9200");
        assertThat(s.origin("http.port")).isEqualTo("flag");
        assertThat(s.get("db.pool-size")).isEqualTo("6");
        assertThat(s.origin("db.pool-size")).isEqualTo("env PUJIANG_DB_POOL_SIZE");
        assertThat(s.get("http.host")).isEqualTo("0.0.0.0");
        assertThat(s.origin("http.host")).startsWith("file ");
        assertThat(s.get("log.access")).isEqualTo("true");
        assertThat(s.origin("log.access")).isEqualTo("default");

        ServerConfig c = ServerConfig.from(s);
        assertThat(c.port()).isEqualTo(9200);
        assertThat(c.database().poolSize()).isEqualTo(6);
        assertThat(c.auth().sessionTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void envNamesFollowOneRule() {
        assertThat(Settings.envName("db.url")).isEqualTo("PUJIANG_DB_URL");
        assertThat(Settings.envName("data-dir")).isEqualTo("PUJIANG_DATA_DIR");
        assertThat(Settings.envName("admin.password")).isEqualTo("PUJIANG_ADMIN_PASSWORD");
        assertThat(Settings.envName("http.max-body-bytes")).isEqualTo("PUJIANG_HTTP_MAX_BODY_BYTES");
    }

    @Test
    void misspeltEnvironmentVariablesAreFound() {
        assertThat(Settings.unknownEnvironment(Map.of("PUJIANG_DB_URL", "x", "PUJIANG_DBURL", "x", "PUJIANG_JAR", "x",
                "PUJIANG_TEST_PG_URL", "x", "PATH", "/bin", "PUJIANG_HTTP_PORTT", "1")))
                .containsExactly("PUJIANG_DBURL", "PUJIANG_HTTP_PORTT");
    }

    @Test
    void secretsAreMaskedInTheEffectiveConfiguration() {
        Settings s = Settings.resolve(null, Map.of("PUJIANG_DB_PASSWORD", "hunter2", "PUJIANG_ADMIN_PASSWORD", "letmein"),
                Map.of("db.url", "jdbc:postgresql://db:5432/pj?user=u&password=s3cret&ssl=true"));
        String all = s.masked().toString();
        assertThat(all).doesNotContain("hunter2", "letmein", "s3cret");
        assertThat(s.masked().get("db.password")).startsWith("****");
        assertThat(s.masked().get("db.url")).contains("password=****&ssl=true");
    }

    @Test
    void emptyDbUrlMeansEmbeddedH2InTheDataDir() {
        ServerConfig c = ServerConfig.from(Settings.resolve(null, Map.of(), Map.of("data-dir", temp.toString())));
        assertThat(c.database().isH2()).isTrue();
        assertThat(c.database().url()).startsWith("jdbc:h2:file:" + temp.resolve("pujiang"));
        assertThat(c.database().user()).isEqualTo("sa");
    }

    @Test
    void badSettingsNameTheKeyTheValueAndWhereItCameFrom() {
        assertThatThrownBy(() -> Settings.resolve(null, Map.of(), Map.of("http.prot", "80")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting 'http.prot'").hasMessageContaining("flag");
        assertThatThrownBy(() -> ServerConfig.from(Settings.resolve(null, Map.of("PUJIANG_HTTP_PORT", "eighty"), Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port").hasMessageContaining("PUJIANG_HTTP_PORT")
                .hasMessageContaining("eighty");
        assertThatThrownBy(() -> ServerConfig.from(Settings.resolve(null, Map.of(), Map.of("http.port", "70000"))))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ServerConfig.from(Settings.resolve(null, Map.of(), Map.of("auth.session-ttl", "12h"))))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> ServerConfig.from(Settings.resolve(null, Map.of(), Map.of("demo.enabled", "perhaps"))))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> ServerConfig.from(Settings.resolve(null, Map.of(), Map.of("db.url", "jdbc:mysql://x/y"))))
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> Settings.resolve(temp.resolve("missing.properties"), Map.of(), Map.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void spaceSettingsReachTheEngineAndAreChecked() {
        ServerConfig c = ServerConfig.from(Settings.resolve(null, Map.of("PUJIANG_SPACE_INTEREST_K", "200"),
                Map.of("space.tick-hz", "30", "space.interest-radius", "45")));
        assertThat(c.space().k()).isEqualTo(200);
        assertThat(c.space().tickHz()).isEqualTo(30);
        assertThat(c.space().interestRadius()).isEqualTo(45.0);
        assertThat(ServerConfig.from(Settings.resolve(null, Map.of(), Map.of())).space().k()).isEqualTo(64);
        assertThatThrownBy(() -> ServerConfig.from(Settings.resolve(null, Map.of(), Map.of("space.tick-hz", "100"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("space.tick-hz").hasMessageContaining("5 and 60");
    }

    @Test
    void agentSettingsAreReadAndChecked() {
        ServerConfig.Agents d = ServerConfig.from(Settings.resolve(null, Map.of(), Map.of())).agents();
        assertThat(d).isEqualTo(ServerConfig.Agents.defaults());
        ServerConfig.Agents a = ServerConfig.from(Settings.resolve(null,
                Map.of("PUJIANG_AGENTS_CONFIDENCE_THRESHOLD", "0.35"),
                Map.of("agents.retrieval-threads", "4", "agents.retrieval-queue", "1000",
                        "agents.kb-max-bytes", "1048576"))).agents();
        assertThat(a).isEqualTo(new ServerConfig.Agents(0.35, 4, 1000, 1_048_576));
        for (String bad : new String[] {"1.5", "-0.1", "NaN", "half"}) {
            assertThatThrownBy(() -> ServerConfig.from(Settings.resolve(null, Map.of(),
                    Map.of("agents.confidence-threshold", bad)))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("agents.confidence-threshold").hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> ServerConfig.from(Settings.resolve(null, Map.of(),
                Map.of("agents.retrieval-threads", "0")))).hasMessageContaining("between 1 and 64");
    }
}
