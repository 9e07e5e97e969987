package org.stoa.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Api;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class AccountsTest {

    @TempDir
    Path dir;

    @Test
    void registerLogInSeeYourselfAndLogOut() {
        try (TestServer server = new TestServer(dir)) {
            Api anon = server.anonymous();
            Response created = anon.post("/api/v1/accounts", Map.of("username", "Alice.W", "password", "long enough pw"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("username").asText()).as("usernames are case-insensitive").isEqualTo("alice.w");
            assertThat(created.json().get("id").asLong()).isPositive();

            Response session = anon.post("/api/v1/sessions", Map.of("username", "ALICE.W", "password", "long enough pw"));
            assertThat(session.status()).isEqualTo(201);
            String token = session.json().get("token").asText();
            assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 random bits
            assertThat(session.json().get("accountId").asLong()).isEqualTo(created.id());

            Api alice = anon.as(token);
            assertThat(alice.get("/api/v1/me").json().get("username").asText()).isEqualTo("alice.w");
            assertThat(alice.delete("/api/v1/sessions/current").status()).isEqualTo(204);
            Response after = alice.get("/api/v1/me");
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void usernamesAndPasswordsFollowTheRules() {
        try (TestServer server = new TestServer(dir)) {
            Api anon = server.anonymous();
            assertThat(anon.post("/api/v1/accounts", Map.of("username", "ab", "password", "long enough pw")).code()).isEqualTo("invalid_username");
            assertThat(anon.post("/api/v1/accounts", Map.of("username", "a".repeat(33), "password", "long enough pw")).code()).isEqualTo("invalid_username");
            assertThat(anon.post("/api/v1/accounts", Map.of("username", "bad name", "password", "long enough pw")).code()).isEqualTo("invalid_username");
            assertThat(anon.post("/api/v1/accounts", Map.of("username", "ünïcode", "password", "long enough pw")).code()).isEqualTo("invalid_username");
            assertThat(anon.post("/api/v1/accounts", Map.of("username", "shortpw", "password", "123456789")).code()).isEqualTo("weak_password");
            assertThat(anon.post("/api/v1/accounts", Map.of("username", "ok_name.1", "password", "1234567890")).status()).isEqualTo(201);
            Response dup = anon.post("/api/v1/accounts", Map.of("username", "OK_name.1", "password", "1234567890"));
            assertThat(dup.status()).isEqualTo(409);
            assertThat(dup.code()).isEqualTo("username_taken");
        }
    }

    @Test
    void failedLoginsAreLimitedPerAccountAndPerAddress() {
        try (TestServer server = new TestServer(dir, Map.of(
                "limits.loginFailuresPerAccount", "3/15m", "limits.loginFailuresPerAddress", "5/15m"))) {
            User alice = server.register("alice");
            Api anon = server.anonymous();
            for (int i = 0; i < 3; i++) {
                assertThat(anon.post("/api/v1/sessions", Map.of("username", alice.username(), "password", "wrong password")).status()).isEqualTo(401);
            }
            Response limited = anon.post("/api/v1/sessions", Map.of("username", alice.username(), "password", "password-" + alice.username()));
            assertThat(limited.status()).as("even the right password waits once the account is limited").isEqualTo(429);
            assertThat(limited.code()).isEqualTo("rate_limited");
            assertThat(limited.json().get("limiter").asText()).isEqualTo("loginFailuresPerAccount");

            for (int i = 0; i < 2; i++) anon.post("/api/v1/sessions", Map.of("username", "nobody" + i, "password", "wrong password"));
            Response byAddress = anon.post("/api/v1/sessions", Map.of("username", "nobody9", "password", "wrong password"));
            assertThat(byAddress.status()).isEqualTo(429);
            assertThat(byAddress.json().get("limiter").asText()).isEqualTo("loginFailuresPerAddress");

            server.clock().advance(Duration.ofMinutes(15));
            assertThat(anon.post("/api/v1/sessions", Map.of("username", alice.username(), "password", "password-" + alice.username())).status())
                    .as("limits refill over their window").isEqualTo(201);
        }
    }

    @Test
    void tokensExpire() {
        try (TestServer server = new TestServer(dir, Map.of("sessions.ttl", "1h"))) {
            User alice = server.register("alice");
            assertThat(alice.api().get("/api/v1/me").status()).isEqualTo(200);
            server.clock().advance(Duration.ofMinutes(61));
            assertThat(alice.api().get("/api/v1/me").status()).isEqualTo(401);
        }
    }

    @Test
    void garbageTokensAreRefused() {
        try (TestServer server = new TestServer(dir)) {
            Api anon = server.anonymous();
            assertThat(anon.as("not-a-token").get("/api/v1/me").status()).isEqualTo(401);
            assertThat(anon.as("x".repeat(5000)).get("/api/v1/me").status()).isEqualTo(401);
            assertThat(anon.send(anon.request("/api/v1/me").header("Authorization", "Basic abc").GET()).status()).isEqualTo(401);
        }
    }

    @Test
    void changingThePasswordLogsOutOtherSessions() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            Response second = server.anonymous().post("/api/v1/sessions", Map.of("username", alice.username(), "password", "password-" + alice.username()));
            Api otherDevice = server.anonymous().as(second.json().get("token").asText());
            assertThat(alice.api().put("/api/v1/me/password", Map.of("current", "wrong one!!", "password", "new long password")).code())
                    .isEqualTo("wrong_password");
            assertThat(alice.api().put("/api/v1/me/password", Map.of("current", "password-" + alice.username(), "password", "short")).code())
                    .isEqualTo("weak_password");
            assertThat(alice.api().put("/api/v1/me/password", Map.of("current", "password-" + alice.username(), "password", "new long password"))
                    .status()).isEqualTo(204);
            assertThat(alice.api().get("/api/v1/me").status()).as("this session stays").isEqualTo(200);
            assertThat(otherDevice.get("/api/v1/me").status()).as("the other is logged out").isEqualTo(401);
            assertThat(server.anonymous().post("/api/v1/sessions", Map.of("username", alice.username(), "password", "new long password"))
                    .status()).isEqualTo(201);
        }
    }
}
