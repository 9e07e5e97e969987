package org.stoa.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * CPU-heavy work (decoding and hashing images, hashing passwords) runs on pools of its own, so
 * the rest of the server keeps answering while it is busy; and a full pool says so at once.
 * The bars are generous (the figures are in docs/performance.md); this is about not stalling.
 */
class BusyServerTest {

    private static final Pattern WAITING = Pattern.compile(
            "org_stoa_server_limits_CpuPool_waiting\\{pool=\"(\\w+)\",?\\} (\\d+)");

    @TempDir
    Path dir;

    /** Tasks waiting for a thread in {@code pool}, from /metrics. */
    private static int waiting(TestServer server, String pool) {
        Matcher m = WAITING.matcher(new String(server.anonymous().get("/metrics").raw()));
        while (m.find()) if (m.group(1).equals(pool)) return Integer.parseInt(m.group(2));
        throw new AssertionError("no gauge for the " + pool + " pool");
    }

    private static long millis(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    @Test
    void healthAndTextSendsAnswerWhileSixteenImageUploadsAndTwentyFourLoginsRun() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            server.befriend(alice, bob);
            long chat = server.direct(alice, bob);
            List<User> uploaders = List.of(server.register("up"), server.register("up"), server.register("up"), server.register("up"));
            List<byte[]> images = new ArrayList<>();
            for (int i = 0; i < 16; i++) images.add(Images.png16(i, 700, 700));
            assertThat(alice.send(chat, "warm", "warming up").status()).isEqualTo(201);

            try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Response>> uploads = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    User u = uploaders.get(i % uploaders.size());
                    byte[] png = images.get(i);
                    uploads.add(load.submit(() -> u.api().upload("image/png", png)));
                }
                List<Future<Response>> logins = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    User u = uploaders.get(i % uploaders.size());
                    logins.add(load.submit(() -> server.anonymous().post("/api/v1/sessions",
                            Map.of("username", u.username(), "password", "password-" + u.username()))));
                }
                Awaitility.await("both pools busy").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> waiting(server, "images") > 0 && waiting(server, "passwords") > 0);

                List<Long> health = new ArrayList<>();
                List<Long> sends = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    health.add(millis(() -> assertThat(server.anonymous().get("/healthz").status()).isEqualTo(200)));
                    int n = i;
                    sends.add(millis(() -> assertThat(alice.send(chat, "busy" + n, "still here " + n).status()).isEqualTo(201)));
                }
                assertThat(uploads.stream().filter(f -> !f.isDone()).count())
                        .as("the uploads were still running while health and sends were timed").isPositive();

                assertThat(median(health)).as("/healthz, ms: " + health).isLessThanOrEqualTo(100);
                assertThat(median(sends)).as("a text send, ms: " + sends).isLessThanOrEqualTo(250);
                for (Future<Response> f : uploads) assertThat(f.get().status()).as(f.get().toString()).isEqualTo(201);
                for (Future<Response> f : logins) assertThat(f.get().status()).as(f.get().toString()).isEqualTo(201);
            }
        }
    }

    @Test
    void aFullPoolAnswers503WithRetryAfterAtOnceAndNothingElseFails() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            List<User> uploaders = List.of(server.register("up"), server.register("up"));
            byte[] png = Images.png16(7, 600, 600);
            List<Future<Response>> uploads = new ArrayList<>();
            try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 48; i++) {
                    User u = uploaders.get(i % 2);
                    uploads.add(load.submit(() -> u.api().upload("image/png", png)));
                }
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : uploads) answers.add(f.get());
            assertThat(answers).extracting(Response::status).containsOnly(201, 503).contains(201, 503);
            Response busy = answers.stream().filter(r -> r.status() == 503).findFirst().orElseThrow();
            assertThat(busy.code()).isEqualTo("server_busy");
            assertThat(busy.contentType()).startsWith("application/problem+json");
            assertThat(busy.json().get("retryAfterSeconds").asLong()).isPositive();
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
