package org.stoa.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;

/**
 * The run that records {@code ./stoa serve}'s AOT cache (see the stoa script): a server on a
 * scratch data folder and a loopback port, used as chat clients use it (accounts, a group, every
 * member on the stream, a couple of thousand reviewed sends over HTTP, each delivered to all),
 * then stopped and its folder deleted. The classes that path needs are then loaded and linked
 * before a real server's first request, and its methods start with profiles, so the JIT compiles
 * them in the first seconds instead of the first minute. Nothing of it reaches the real data folder.
 */
final class ServeTraining {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Few members: each account costs two password hashes (Argon2, slow in a cold JVM). */
    private static final int MEMBERS = 4;
    private static final int SENDS = 2_000;
    private static final int IN_FLIGHT = 16;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong delivered = new AtomicLong();
    private String base;

    private ServeTraining() {}

    /** Runs the training; returns the number of deliveries made. */
    static long run() throws Exception {
        Path data = Files.createTempDirectory("stoa-training");
        try {
            var config = ConfigLoader.fromMap(Map.of("server.port", "0", "server.host", "127.0.0.1",
                    "data.dir", data.toString(), "log.format", "text", "ocr.enabled", "false",
                    "limits.accountsPerAddress", "100000/1h", "limits.messagesPerAccountBurst", "100000/1s",
                    "limits.messagesPerAccountSustained", "100000/1s"));
            try (StoaServer server = StoaServer.start(config, Clock.systemUTC())) {
                ServeTraining training = new ServeTraining();
                training.base = "http://127.0.0.1:" + server.port();
                return training.chat();
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private long chat() throws Exception {
        List<String> tokens = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String name = "training" + i;
            JsonNode account = call(null, "/api/v1/accounts", Map.of("username", name, "password", "training-" + name));
            ids.add(account.get("id").asLong());
            tokens.add(call(null, "/api/v1/sessions", Map.of("username", name, "password", "training-" + name))
                    .get("token").asText());
        }
        for (int i = 1; i < MEMBERS; i++) {
            JsonNode request = call(tokens.getFirst(), "/api/v1/contacts/requests", Map.of("username", "training" + i));
            call(tokens.get(i), "/api/v1/contacts/requests/" + request.get("id").asLong() + "/accept", Map.of());
        }
        long group = call(tokens.getFirst(), "/api/v1/conversations",
                Map.of("type", "group", "title", "training", "members", ids.subList(1, MEMBERS))).get("id").asLong();
        List<WebSocket> streams = new ArrayList<>();
        for (String token : tokens) streams.add(stream(token));
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < SENDS; n++) {
                inFlight.acquire();
                String token = tokens.get(n % MEMBERS);
                String body = JSON.writeValueAsString(Map.of("clientId", "t" + n, "text", "training message " + n));
                pool.submit(() -> {
                    try {
                        call(token, "/api/v1/conversations/" + group + "/messages", body);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (delivered.get() < (long) SENDS * MEMBERS && System.nanoTime() < deadline) LockSupport.parkNanos(10_000_000);
        streams.forEach(WebSocket::abort);
        return delivered.get();
    }

    private WebSocket stream(String token) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                if (last) delivered.incrementAndGet();
                ws.request(1);
                return null;
            }
        };
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/api/v1/stream"), listener).join();
    }

    private JsonNode call(String token, String path, Object body) throws IOException, InterruptedException {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new UncheckedIOException(new IOException(path + " answered " + response.statusCode() + " " + response.body()));
        }
        return JSON.readTree(response.body());
    }
}
