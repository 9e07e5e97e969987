package org.stoa.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.stoa.bench.image.BenchImages;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;

/**
 * What CPU-heavy requests cost everyone else: {@code /healthz} and a text send, timed on an idle
 * server (the baseline) and then while {@code --uploads} large images (16-bit PNGs, slow to decode)
 * and {@code --logins} logins (Argon2id) arrive at once, round after round.
 *
 * <pre>
 * java -cp 'stoa-bench/target/stoa-bench.jar:stoa-bench/target/lib/*' org.stoa.bench.load.BusyServerBench \
 *      [--url http://localhost:8080] [--rounds 5] [--uploads 16] [--logins 24] [--size 1000]
 * </pre>
 * Without {@code --url} it starts a server in this JVM on a temporary folder. An external server
 * needs the limits on logins, uploads and messages per account raised for the rounds
 * ({@code STOA_LIMITS_LOGINS_PER_ACCOUNT}, {@code STOA_LIMITS_UPLOADS_PER_ACCOUNT},
 * {@code STOA_LIMITS_MESSAGES_PER_ACCOUNT_BURST}, {@code STOA_LIMITS_MESSAGES_PER_ACCOUNT_SUSTAINED}).
 */
public final class BusyServerBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The load has a client of its own, so its uploads do not queue the timed requests in the client. */
    private final HttpClient loadHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    private BusyServerBench(String base) {
        this.base = base;
    }

    record Account(long id, String name, String password, String token) {}

    record Samples(List<Double> health, List<Double> sends) {
        Samples() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
        int uploads = Integer.parseInt(opts.getOrDefault("uploads", "16"));
        int logins = Integer.parseInt(opts.getOrDefault("logins", "24"));
        int size = Integer.parseInt(opts.getOrDefault("size", "1000"));
        StoaServer embedded = null;
        String url = opts.get("url");
        if (url == null) {
            Path data = Files.createTempDirectory("stoa-busy");
            embedded = StoaServer.start(ConfigLoader.fromMap(Map.of("server.port", "0", "server.host", "127.0.0.1",
                    "data.dir", data.toString(), "log.format", "text", "ocr.enabled", "false",
                    "limits.loginsPerAccount", "100000/1h", "limits.uploadsPerAccount", "100000/1h",
                    "limits.messagesPerAccountBurst", "100000/1s", "limits.messagesPerAccountSustained", "100000/1s")),
                    Clock.systemUTC());
            url = "http://127.0.0.1:" + embedded.port();
        }
        try {
            new BusyServerBench(url).run(rounds, uploads, logins, size);
        } finally {
            if (embedded != null) embedded.close();
        }
        System.exit(0);
    }

    private void run(int rounds, int uploadCount, int loginCount, int size) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        Account alice = account("busy" + run + "a");
        Account bob = account("busy" + run + "b");
        JsonNode req = call(alice.token(), "POST", "/api/v1/contacts/requests", Map.of("username", bob.name()));
        call(bob.token(), "POST", "/api/v1/contacts/requests/" + req.get("id").asLong() + "/accept", Map.of());
        long chat = call(alice.token(), "POST", "/api/v1/conversations", Map.of("type", "direct", "members", List.of(bob.id())))
                .get("id").asLong();
        List<Account> loaders = new ArrayList<>();
        for (int i = 0; i < 4; i++) loaders.add(account("busy" + run + "l" + i));
        System.err.printf("making %d 16-bit PNGs of %d x %d%n", uploadCount, size, size);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < uploadCount; i++) images.add(BenchImages.png16(i, size, size));
        System.err.printf("each about %d KB%n", images.getFirst().length / 1024);

        Samples idle = new Samples();
        Samples busy = new Samples();
        List<Double> burstSeconds = new ArrayList<>();
        int[] outcomes = new int[600];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 10; i++) sample(idle, alice, chat, "idle-" + round + "-" + i);
            long start = System.nanoTime();
            try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Integer>> burst = new ArrayList<>();
                for (int i = 0; i < uploadCount; i++) {
                    Account a = loaders.get(i % loaders.size());
                    byte[] png = images.get(i);
                    burst.add(load.submit(() -> upload(a, png)));
                }
                for (int i = 0; i < loginCount; i++) {
                    Account a = loaders.get(i % loaders.size());
                    burst.add(load.submit(() -> logIn(a)));
                }
                for (int i = 0; burst.stream().anyMatch(f -> !f.isDone()); i++) {
                    sample(busy, alice, chat, "busy-" + round + "-" + i);
                }
                for (Future<Integer> f : burst) outcomes[f.get()]++;
            }
            burstSeconds.add((System.nanoTime() - start) / 1e9);
        }
        System.out.printf("rounds=%d uploads=%d (16-bit PNG %dx%d) logins=%d per round; burst lasted median %.1f s%n",
                rounds, uploadCount, size, size, loginCount, median(burstSeconds));
        System.out.printf("answers during bursts: 201 x %d, 503 x %d, other x %d%n", outcomes[201], outcomes[503],
                rounds * (uploadCount + loginCount) - outcomes[201] - outcomes[503]);
        report("idle (baseline)", idle);
        report("busy", busy);
        System.out.printf("busy / idle medians: /healthz %.1f x, send %.1f x%n",
                median(busy.health()) / median(idle.health()), median(busy.sends()) / median(idle.sends()));
    }

    private static void report(String label, Samples s) {
        System.out.printf("%-16s /healthz ms: p50 %.1f p99 %.1f max %.1f (n=%d) | send ms: p50 %.1f p99 %.1f max %.1f (n=%d)%n",
                label, median(s.health()), pct(s.health(), 99), pct(s.health(), 100), s.health().size(),
                median(s.sends()), pct(s.sends(), 99), pct(s.sends(), 100), s.sends().size());
    }

    private static double median(List<Double> v) {
        return pct(v, 50);
    }

    private static double pct(List<Double> v, double p) {
        List<Double> sorted = v.stream().sorted().toList();
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.clamp(i, 0, sorted.size() - 1));
    }

    private void sample(Samples into, Account sender, long chat, String clientId) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        long t1 = System.nanoTime();
        HttpResponse<String> sent = post(sender.token(), "/api/v1/conversations/" + chat + "/messages",
                Map.of("clientId", clientId, "text", "ping " + clientId));
        long t2 = System.nanoTime();
        if (health.statusCode() != 200 || sent.statusCode() != 201) {
            throw new IllegalStateException("healthz " + health.statusCode() + ", send " + sent.statusCode() + " " + sent.body());
        }
        into.health().add((t1 - t0) / 1e6);
        into.sends().add((t2 - t1) / 1e6);
    }

    private int upload(Account a, byte[] png) throws Exception {
        return loadHttp.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/media")).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + a.token()).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int logIn(Account a) throws Exception {
        return loadHttp.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", a.name(), "password", a.password()))))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Account account(String name) throws Exception {
        String password = "busy-password-" + name;
        JsonNode created = JSON.readTree(post(null, "/api/v1/accounts", Map.of("username", name, "password", password)).body());
        JsonNode session = JSON.readTree(post(null, "/api/v1/sessions", Map.of("username", name, "password", password)).body());
        return new Account(created.get("id").asLong(), name, password, session.get("token").asText());
    }

    private JsonNode call(String token, String method, String path, Object body) throws Exception {
        HttpResponse<String> r = send(token, method, path, body);
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String token, String path, Object body) throws Exception {
        return send(token, "POST", path, body);
    }

    private HttpResponse<String> send(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
