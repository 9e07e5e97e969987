package org.stoa.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Each named limiter, through the API: a clear 429 naming it, with when to try again, and a refill. */
class LimitsTest {

    @TempDir
    Path dir;

    /** The refusal every limiter gives: problem+json, the limiter's name, retryAfterSeconds and Retry-After. */
    private static void assertLimited(Response r, String limiter) {
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("rate_limited");
        assertThat(r.json().get("limiter").asText()).isEqualTo(limiter);
        long seconds = r.json().get("retryAfterSeconds").asLong();
        assertThat(seconds).isPositive();
        assertThat(r.headers().firstValue("Retry-After")).contains(Long.toString(seconds));
    }

    @Test
    void messagesAreLimitedInBurstsAndSustainedAndARetryOfAStoredMessageIsFree() {
        try (TestServer server = new TestServer(dir, Map.of(
                "limits.messagesPerAccountBurst", "3/1m", "limits.messagesPerAccountSustained", "5/1h"))) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            for (int i = 0; i < 3; i++) assertThat(alice.send(group, "m" + i, "hello " + i).status()).isEqualTo(201);
            assertThat(alice.send(group, "m0", "hello 0").status()).as("a retry is answered, not counted").isEqualTo(201);
            Response burst = alice.send(group, "m3", "one too many");
            assertLimited(burst, "messagesPerAccountBurst");
            assertThat(burst.json().get("retryAfterSeconds").asLong()).isEqualTo(20);
            assertThat(bob.send(group, "b0", "others are not held up").status()).isEqualTo(201);

            server.clock().advance(Duration.ofMinutes(1));
            assertThat(alice.send(group, "m3", "after a pause").status()).isEqualTo(201);
            assertThat(alice.send(group, "m4", "and another").status()).isEqualTo(201);
            server.clock().advance(Duration.ofMinutes(1));
            assertLimited(alice.send(group, "m5", "five an hour"), "messagesPerAccountSustained");
        }
    }

    @Test
    void uploadsContactRequestsReportsGroupsAndTicketsAreLimitedPerAccount() {
        try (TestServer server = new TestServer(dir, Map.of("limits.uploadsPerAccount", "2/1h",
                "limits.contactRequestsPerAccount", "2/1d", "limits.reportsPerAccount", "2/1h",
                "limits.groupsPerAccount", "1/1d", "limits.streamTicketsPerAccount", "2/10m"))) {
            User alice = server.register("alice");
            List<User> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) others.add(server.register("other"));

            byte[] png = Images.encode("png", 64, 64);
            assertThat(alice.api().upload("image/png", png).status()).isEqualTo(201);
            assertThat(alice.api().upload("image/png", png).status()).isEqualTo(201);
            assertLimited(alice.api().upload("image/png", png), "uploadsPerAccount");

            for (int i = 0; i < 2; i++) {
                Response r = alice.api().post("/api/v1/contacts/requests", Map.of("username", others.get(i).username()));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
            assertLimited(alice.api().post("/api/v1/contacts/requests", Map.of("username", others.get(2).username())),
                    "contactRequestsPerAccount");

            for (int i = 0; i < 2; i++) {
                Response r = alice.api().post("/api/v1/reports", Map.of("accountId", others.get(i).id(), "reason", "spam"));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
            assertLimited(alice.api().post("/api/v1/reports", Map.of("accountId", others.get(2).id(), "reason", "spam")),
                    "reportsPerAccount");

            User bob = others.get(0);
            assertThat(bob.api().post("/api/v1/contacts/requests/" + pendingFrom(bob) + "/accept", Map.of()).status()).isEqualTo(200);
            Response first = alice.api().post("/api/v1/conversations", Map.of("type", "group", "title", "one", "members", List.of(bob.id())));
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertLimited(alice.api().post("/api/v1/conversations", Map.of("type", "group", "title", "two", "members", List.of(bob.id()))),
                    "groupsPerAccount");
            assertThat(alice.api().post("/api/v1/conversations", Map.of("type", "direct", "members", List.of(bob.id()))).status())
                    .as("direct chats are not groups").isIn(200, 201);

            assertThat(alice.api().post("/api/v1/stream/tickets", Map.of()).status()).isEqualTo(201);
            assertThat(alice.api().post("/api/v1/stream/tickets", Map.of()).status()).isEqualTo(201);
            assertLimited(alice.api().post("/api/v1/stream/tickets", Map.of()), "streamTicketsPerAccount");
        }
    }

    private static long pendingFrom(User to) {
        return to.api().get("/api/v1/contacts/requests").json().get("incoming").get(0).get("id").asLong();
    }

    @Test
    void openStreamsAreLimitedPerAccountAndPerAddressAndAClosedOneMakesRoom() {
        try (TestServer server = new TestServer(dir, Map.of("limits.webSocketsPerAccount", "2", "limits.webSocketsPerAddress", "3"))) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            StreamClient a1 = alice.stream(null);
            StreamClient a2 = alice.stream(null);
            var refused = StreamClient.refusal(server.port(), alice.token(), "");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();

            StreamClient b1 = bob.stream(null);
            assertThat(StreamClient.refusal(server.port(), bob.token(), "").statusCode()).as("this address has 3 open").isEqualTo(429);

            a1.close();
            // The server notices the close asynchronously; until then the slot is still taken.
            AtomicReference<StreamClient> b2 = new AtomicReference<>();
            Awaitility.await("a slot freed by closing a stream").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> {
                        b2.set(bob.stream(null));
                        return true;
                    });
            a2.close();
            b1.close();
            b2.get().close();
        }
    }

    @Test
    void successfulLoginsAndSignUpsAreLimitedToo() {
        try (TestServer server = new TestServer(dir, Map.of("limits.loginsPerAccount", "3/1h", "limits.accountsPerAddress", "2/1h"))) {
            User alice = server.register("alice"); // the first login
            for (int i = 0; i < 2; i++) {
                assertThat(server.anonymous().post("/api/v1/sessions",
                        Map.of("username", alice.username(), "password", "password-" + alice.username())).status()).isEqualTo(201);
            }
            assertLimited(server.anonymous().post("/api/v1/sessions",
                    Map.of("username", alice.username(), "password", "password-" + alice.username())), "loginsPerAccount");
            server.register("bob");
            assertLimited(server.anonymous().post("/api/v1/accounts", Map.of("username", "carol", "password", "long enough pw")),
                    "accountsPerAddress");
        }
    }
}
