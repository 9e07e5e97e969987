package org.stoa.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Quota;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsNeedNoFile() {
        StoaConfig c = ConfigLoader.load(dir.resolve("stoa.yaml"), false, Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./stoa-data"));
        assertThat(c.mediaMaxBytes()).isEqualTo(20L << 20);
        assertThat(c.mediaMaxPixels()).isEqualTo(50_000_000L);
        assertThat(c.groupMaxMembers()).isEqualTo(500);
        assertThat(c.limits().get(Limit.REPORTS)).isEqualTo(new Quota.Rate(10, Duration.ofMinutes(10)));
    }

    @Test
    void yamlIsReadAndEnvironmentWins() throws Exception {
        Path file = dir.resolve("stoa.yaml");
        Files.writeString(file, """
                server:
                  port: 9000
                data:
                  dir: /var/lib/stoa
                sessions:
                  ttl: 12h
                limits:
                  loginFailuresPerAccount: 5/10m
                """);
        StoaConfig c = ConfigLoader.load(file, true, Map.of("STOA_SERVER_PORT", "9100", "STOA_LIMITS_LOGIN_FAILURES_PER_ACCOUNT", "7/1m"));
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/stoa"));
        assertThat(c.sessionTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(c.limits().get(Limit.LOGIN_FAILURES_PER_ACCOUNT)).isEqualTo(new Quota.Rate(7, Duration.ofMinutes(1)));
        assertThat(c.limits().get(Limit.STREAMS_PER_ACCOUNT)).as("a default").isEqualTo(new Quota.Open(20));
        assertThat(ConfigLoader.load(file, true, Map.of("STOA_LIMITS_REPORTS_PER_ACCOUNT", "3/1h")).limits().get(Limit.REPORTS))
                .isEqualTo(new Quota.Rate(3, Duration.ofHours(1)));
    }

    @Test
    void aPublicAddressIsAHostAndPortAsOtherServersWriteIt() {
        assertThat(ConfigLoader.fromMap(Map.of()).publicAddress()).as("off unless set").isEmpty();
        assertThat(ConfigLoader.fromMap(Map.of()).movesAllowPrivateAddresses()).isFalse();
        assertThat(ConfigLoader.fromMap(Map.of()).limits().get(Limit.ALIAS_LOOKUPS_PER_ACCOUNT)).isEqualTo(new Quota.Rate(10, Duration.ofHours(1)));
        assertThat(ConfigLoader.fromMap(Map.of("server.publicAddress", "Chat.Example.org")).publicAddress().orElseThrow())
                .hasToString("chat.example.org");
        assertThat(ConfigLoader.fromMap(Map.of("server.publicAddress", "chat.example.org:443")).publicAddress().orElseThrow())
                .as("https's own port is left out, as people write it").hasToString("chat.example.org");
        assertThat(ConfigLoader.fromMap(Map.of("server.publicAddress", "127.0.0.1:8080")).publicAddress().orElseThrow())
                .hasToString("127.0.0.1:8080");
        assertThat(ConfigLoader.fromMap(Map.of("server.publicAddress", "[::1]:8080")).publicAddress().orElseThrow().bareHost())
                .isEqualTo("::1");
        for (String bad : new String[] {"https://chat.example.org", "chat.example.org/stoa", "user@chat.example.org",
                "chat.example.org:0", "chat.example.org:70000", "-chat.org", "chat..org", "chät.org"}) {
            assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("server.publicAddress", bad))).as(bad)
                    .hasMessageContaining("server.publicAddress").hasMessageContaining("without a scheme or path");
        }
    }

    @Test
    void badSettingsStopStartUpNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("x.yaml"), false, Map.of("STOA_SERVER_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.port").hasMessageContaining("STOA_SERVER_PORT");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("x.yaml"), false, Map.of("STOA_SERVER_PORT", "70000")))
                .hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("sessions.ttl", "forever")))
                .hasMessageContaining("sessions.ttl").hasMessageContaining("duration");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("limits.messagesPerAccountBurst", "30")))
                .hasMessageContaining("limits.messagesPerAccountBurst").hasMessageContaining("count/window");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("limits.webSocketsPerAccount", "0")))
                .hasMessageContaining("STOA_LIMITS_WEB_SOCKETS_PER_ACCOUNT").hasMessageContaining("positive");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "server:\n  prot: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(typo, true, Map.of()))
                .hasMessageContaining("unknown setting 'server.prot'");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "server: [port\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, true, Map.of())).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), true, Map.of())).hasMessageContaining("does not exist");
    }
}
