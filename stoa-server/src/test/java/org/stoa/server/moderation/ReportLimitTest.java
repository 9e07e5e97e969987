package org.stoa.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Reports are limited per account ({@code limits.reportsPerAccount}, 10 per 10 minutes by default). */
class ReportLimitTest {

    @TempDir
    Path dir;

    @Test
    void aBannedAccountFilesTenReportsInAMinuteThenGets429WithWhenToComeBack() {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", Role.MODERATOR);
            User troll = server.register("troll");
            User target = server.register("target");
            Response ban = moderator.api().post("/api/v1/moderation/accounts/" + troll.id() + "/sanctions",
                    Map.of("kind", "ban", "reason", "harassing other members"));
            assertThat(ban.status()).as(ban.toString()).isEqualTo(201);

            for (int i = 1; i <= 10; i++) {
                server.clock().advance(Duration.ofSeconds(5));
                Response accepted = report(troll, target, "report " + i);
                assertThat(accepted.status()).as("report %d: %s", i, accepted).isEqualTo(201);
            }
            Response limited = report(troll, target, "report 11");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.contentType()).startsWith("application/problem+json");
            assertThat(limited.code()).isEqualTo("rate_limited");
            assertThat(limited.json().get("limiter").asText()).isEqualTo("reportsPerAccount");
            long retryAfter = limited.json().get("retryAfterSeconds").asLong();
            // One permit comes back a minute (10 per 10 minutes), so the wait is under a minute.
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue(String.valueOf(retryAfter));
            assertThat(limited.json().get("detail").asText()).contains("reports").contains(retryAfter + " s");

            assertThat(moderator.api().get("/api/v1/moderation/queue").json()).as("only the accepted ten wait").hasSize(10);
            assertThat(report(moderator, target, "another account is not held back").status()).isEqualTo(201);

            server.clock().advance(Duration.ofSeconds(retryAfter));
            assertThat(report(troll, target, "after the wait").status()).isEqualTo(201);
            assertThat(report(troll, target, "and no more").status()).isEqualTo(429);
        }
    }

    @Test
    void aConcurrentBurstGetsExactlyTheLimitNoMatterWhatItReports() throws Exception {
        try (TestServer server = new TestServer(dir, Map.of("limits.reportsPerAccount", "5/1h"))) {
            User attacker = server.register("attacker");
            User target = server.register("target");
            server.befriend(attacker, target);
            long direct = server.direct(attacker, target);
            long message = target.send(direct, "m", "an ordinary message").id();
            // Well-formed reports of every kind count, found or not; malformed ones are refused before any count.
            List<Map<String, Object>> bodies = List.of(
                    Map.of("accountId", target.id(), "reason", "spam"),
                    Map.of("messageId", message, "reason", "spam"),
                    Map.of("messageId", 987_654_321L, "reason", "probing for messages"),
                    Map.of("accountId", 987_654_321L, "reason", "probing for accounts"));
            List<Callable<Response>> burst = IntStream.range(0, 60)
                    .<Callable<Response>>mapToObj(i -> () -> attacker.api().post("/api/v1/reports", bodies.get(i % bodies.size())))
                    .toList();
            List<Response> answers;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                answers = pool.invokeAll(burst).stream().map(ReportLimitTest::get).toList();
            }
            assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 404, 429));
            assertThat(answers).filteredOn(r -> r.status() != 429).hasSize(5);
            assertThat(answers).filteredOn(r -> r.status() == 429).allSatisfy(r -> {
                assertThat(r.code()).isEqualTo("rate_limited");
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            });
            assertThat(attacker.api().get("/api/v1/reports").json().size())
                    .isEqualTo(answers.stream().filter(r -> r.status() == 201).count());

            Response malformed = attacker.api().post("/api/v1/reports", Map.of("reason", "neither a message nor an account"));
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.code()).isEqualTo("invalid_report");
        }
    }

    private static Response report(User reporter, User about, String reason) {
        return reporter.api().post("/api/v1/reports", Map.of("accountId", about.id(), "reason", reason));
    }

    private static Response get(Future<Response> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
