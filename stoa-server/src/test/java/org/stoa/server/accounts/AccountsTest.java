package org.stoa.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private static Response logIn(Api from, String username, String password) {
        return from.post("/api/v1/sessions", Map.of("username", username, "password", password));
    }

    @Test
    void aStrangersWrongGuessesSlowDownTheirOwnAddressButNeverLockTheOwnerOut() {
        try (TestServer server = new TestServer(dir, Map.of("limits.loginFailuresPerPair", "3/15m"))) {
            User alice = server.register("alice");
            String right = "password-" + alice.username();
            Api stranger = server.anonymous().fromAddress("127.0.0.2");
            Api owner = server.anonymous().fromAddress("127.0.0.3");
            for (int i = 0; i < 3; i++) assertThat(logIn(stranger, alice.username(), "wrong password").status()).isEqualTo(401);
            Response limited = logIn(stranger, alice.username(), right);
            assertThat(limited.status()).as("the address that failed waits, even with the right password").isEqualTo(429);
            assertThat(limited.code()).isEqualTo("rate_limited");
            assertThat(limited.json().get("limiter").asText()).isEqualTo("loginFailuresPerPair");
            assertThat(limited.json().get("retryAfterSeconds").asLong()).as("one more try per 5 minutes").isBetween(1L, 300L);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();

            assertThat(logIn(owner, alice.username(), right).status()).as("the owner, from elsewhere").isEqualTo(201);
            assertThat(logIn(server.anonymous(), alice.username(), right).status()).isEqualTo(201);

            server.clock().advance(Duration.ofMinutes(5));
            assertThat(logIn(stranger, alice.username(), "wrong again").status()).as("slowed, not locked").isEqualTo(401);
            assertThat(logIn(stranger, alice.username(), right).status()).isEqualTo(429);
            server.clock().advance(Duration.ofMinutes(15));
            assertThat(logIn(stranger, alice.username(), right).status()).isEqualTo(201);
        }
    }

    @Test
    void guessingSpreadOverAddressesOrAccountsAnswersToTheirTotalsOnceAPairHasFailed() {
        try (TestServer server = new TestServer(dir, Map.of(
                "limits.loginFailuresPerAccount", "3/15m", "limits.loginFailuresPerAddress", "3/15m"))) {
            User alice = server.register("alice");
            String right = "password-" + alice.username();
            List<Api> botnet = List.of("127.0.0.4", "127.0.0.5", "127.0.0.6").stream().map(a -> server.anonymous().fromAddress(a)).toList();
            for (Api bot : botnet) assertThat(logIn(bot, alice.username(), "a guess").status()).isEqualTo(401);
            Response again = logIn(botnet.get(0), alice.username(), "another guess");
            assertThat(again.status()).isEqualTo(429);
            assertThat(again.json().get("limiter").asText()).isEqualTo("loginFailuresPerAccount");
            assertThat(logIn(server.anonymous().fromAddress("127.0.0.7"), alice.username(), right).status())
                    .as("an address that has not failed on alice").isEqualTo(201);

            Api sprayer = server.anonymous().fromAddress("127.0.0.8");
            List<User> victims = List.of(server.register("victim"), server.register("victim"), server.register("victim"), server.register("victim"));
            for (User v : victims.subList(0, 3)) assertThat(logIn(sprayer, v.username(), "a guess").status()).isEqualTo(401);
            Response sprayed = logIn(sprayer, victims.get(0).username(), "second guess");
            assertThat(sprayed.json().get("limiter").asText()).isEqualTo("loginFailuresPerAddress");
            User neighbour = victims.get(3);
            assertThat(logIn(sprayer, neighbour.username(), "password-" + neighbour.username()).status())
                    .as("someone else behind the same address, who has not failed").isEqualTo(201);
        }
    }

    @Test
    void reservedUsernamesAreTheOperatorsToGiveOut() {
        try (TestServer server = new TestServer(dir)) {
            Api anon = server.anonymous();
            for (String name : List.of("admin", "Administrator", "moderator", "support", "system", "root", "stoa", "ADMIN2",
                    "stoa.support", "the_admin", "root_1", "help.desk.staff")) {
                Response r = anon.post("/api/v1/accounts", Map.of("username", name, "password", "long enough pw"));
                assertThat(r.status()).as(name + ": " + r).isEqualTo(409);
                assertThat(r.code()).isEqualTo("username_reserved");
            }
            for (String name : List.of("modern_art", "rooted", "stoat", "admiral")) {
                assertThat(anon.post("/api/v1/accounts", Map.of("username", name, "password", "long enough pw")).status())
                        .as(name).isEqualTo(201);
            }
            assertThat(server.registerWith("admin", Role.ADMIN).api().get("/api/v1/me").json().get("role").asText())
                    .as("the operator may").isEqualTo("admin");
        }
        try (TestServer server = new TestServer(dir.resolve("own-list"), Map.of("accounts.reservedUsernames", "acme, helpdesk"))) {
            Api anon = server.anonymous();
            assertThat(anon.post("/api/v1/accounts", Map.of("username", "acme_help", "password", "long enough pw")).code())
                    .isEqualTo("username_reserved");
            assertThat(anon.post("/api/v1/accounts", Map.of("username", "admin", "password", "long enough pw")).status())
                    .as("the list is the operator's").isEqualTo(201);
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
