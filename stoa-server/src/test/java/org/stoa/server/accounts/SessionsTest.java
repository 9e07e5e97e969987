package org.stoa.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Api;
import org.stoa.server.support.Response;
import org.stoa.server.support.RunningServer;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class SessionsTest {

    @TempDir
    Path dir;

    @Test
    void anAccountSeesWhereItIsLoggedInAndSignsOutAnyOfThoseLogins() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User phone = server.logIn(alice.username(), RunningServer.passwordOf(alice.username()));
            JsonNode sessions = alice.api().get("/api/v1/me/sessions").json();
            assertThat(sessions).hasSize(2);
            assertThat(sessions.get(0).get("current").asBoolean()).as("newest first; the phone's is not this one").isFalse();
            assertThat(sessions.get(1).get("current").asBoolean()).isTrue();
            assertThat(sessions.get(0).get("client").asText()).as("from the User-Agent").isEqualTo("Java");
            assertThat(sessions.get(0).has("token")).isFalse();

            long phoneSession = sessions.get(0).get("id").asLong();
            try (StreamClient phoneStream = phone.stream(null); StreamClient aliceStream = alice.stream(null)) {
                assertThat(alice.api().delete("/api/v1/me/sessions/" + phoneSession).status()).isEqualTo(204);
                assertThat(phoneStream.closedWith().get(10, TimeUnit.SECONDS)).as("its stream closes: the session ended")
                        .isEqualTo(4001);
                assertThat(aliceStream.closedWith()).as("this login's stream stays").isNotDone();
            }
            assertThat(phone.api().get("/api/v1/me").status()).as("its token no longer works").isEqualTo(401);
            assertThat(alice.api().get("/api/v1/me/sessions").json()).hasSize(1);
            assertProblem(alice.api().delete("/api/v1/me/sessions/" + phoneSession), 404, "session_not_found");

            User bob = server.register("bob");
            long alicesOwn = alice.api().get("/api/v1/me/sessions").json().get(0).get("id").asLong();
            assertProblem(bob.api().delete("/api/v1/me/sessions/" + alicesOwn), 404, "session_not_found");
            assertProblem(bob.api().delete("/api/v1/me/sessions/abc"), 404, "session_not_found");
            assertProblem(bob.api().delete("/api/v1/me/sessions/" + "9".repeat(400)), 404, "session_not_found");
            assertProblem(server.anonymous().get("/api/v1/me/sessions"), 401, "unauthorized");
            assertThat(alice.api().get("/api/v1/me").status()).isEqualTo(200);
        }
    }

    @Test
    void changingThePasswordSignsOutEveryOtherLogin() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User other = server.logIn(alice.username(), RunningServer.passwordOf(alice.username()));
            assertProblem(alice.api().put("/api/v1/me/password", Map.of("current", "not it at all", "password", "a new long password")),
                    403, "wrong_password");
            assertThat(alice.api().put("/api/v1/me/password",
                    Map.of("current", RunningServer.passwordOf(alice.username()), "password", "a new long password")).status())
                    .isEqualTo(204);
            assertThat(other.api().get("/api/v1/me").status()).isEqualTo(401);
            assertThat(alice.api().get("/api/v1/me/sessions").json()).hasSize(1);
            Response login = new Api(server.port(), null).post("/api/v1/sessions",
                    Map.of("username", alice.username(), "password", "a new long password"));
            assertThat(login.status()).isEqualTo(201);
        }
    }

    @Test
    void lookingAtAndEndingSessionsIsRateLimited() {
        try (TestServer server = new TestServer(dir, Map.of("limits.sessionChangesPerAccount", "2/1h"))) {
            User alice = server.register("alice");
            assertThat(alice.api().get("/api/v1/me/sessions").status()).isEqualTo(200);
            assertThat(alice.api().get("/api/v1/me/sessions").status()).isEqualTo(200);
            Response limited = alice.api().get("/api/v1/me/sessions");
            assertProblem(limited, 429, "rate_limited");
            assertThat(limited.json().get("limiter").asText()).isEqualTo("sessionChangesPerAccount");
        }
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
    }
}
