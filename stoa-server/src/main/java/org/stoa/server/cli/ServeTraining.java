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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;

/**
 * The run that records {@code ./stoa serve}'s AOT cache (see the stoa script): a server on a
 * scratch data folder and a loopback port, used as chat clients use it (accounts, a group and a
 * direct chat, streams opened and closed as clients reconnect, reviewed sends over the stream and
 * over HTTP, each delivered to every member's stream), then stopped and its folder deleted. The
 * classes those paths need are then loaded and linked before a real server's first request, and
 * their methods start with profiles, so the JIT compiles them in the first seconds instead of the
 * first minute. Nothing of it reaches the real data folder.
 */
final class ServeTraining {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Few members: each account costs two password hashes (Argon2, slow in a cold JVM). */
    private static final int MEMBERS = 4;
    /** Times each member's stream is opened and closed, as clients do when a server restarts. */
    private static final int RECONNECTS = 50;
    private static final int HTTP_SENDS = 1_000;
    /** message.send frames, alternately to the group and to the direct chat of the first two members. */
    private static final int STREAM_SENDS = 2_000;
    private static final int IN_FLIGHT = 16;

    /** What the training did: messages accepted (HTTP 201 or an ack with 201) and deliveries made. */
    record Trained(long accepted, long deliveries) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private String base;

    private ServeTraining() {}

    /** Runs the training. */
    static Trained run() throws Exception {
        Path data = Files.createTempDirectory("stoa-training");
        try {
            var config = ConfigLoader.fromMap(Map.of("server.port", "0", "server.host", "127.0.0.1",
                    "data.dir", data.toString(), "log.format", "text", "ocr.enabled", "false",
                    "limits.accountsPerAddress", "100000/1h", "limits.messagesPerAccountBurst", "100000/1s",
                    "limits.messagesPerAccountSustained", "100000/1s"));
            try (StoaServer server = StoaServer.start(config, Clock.systemUTC())) {
                ServeTraining training = new ServeTraining();
                training.base = "http://127.0.0.1:" + server.port();
                training.chat();
                return new Trained(training.accepted.get(), training.delivered.get());
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void chat() throws Exception {
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
        long direct = call(tokens.getFirst(), "/api/v1/conversations",
                Map.of("type", "direct", "members", List.of(ids.get(1)))).get("id").asLong();
        for (int r = 0; r < RECONNECTS; r++) {
            for (String token : tokens) stream(token, new Semaphore(0)).sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
        List<Semaphore> ackRoom = new ArrayList<>();
        List<WebSocket> streams = new ArrayList<>();
        for (String token : tokens) {
            ackRoom.add(new Semaphore(IN_FLIGHT));
            streams.add(stream(token, ackRoom.getLast()));
        }
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int member = 0; member < MEMBERS; member++) {
                int sender = member;
                pool.submit(() -> sendFrames(streams.get(sender), ackRoom.get(sender), sender, group, direct));
            }
            for (int n = 0; n < HTTP_SENDS; n++) {
                inFlight.acquire();
                String token = tokens.get(n % MEMBERS);
                String body = JSON.writeValueAsString(Map.of("clientId", "h" + n, "text", "training message " + n));
                pool.submit(() -> {
                    try {
                        call(token, "/api/v1/conversations/" + group + "/messages", body);
                        accepted.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        // Each group message reaches all members' streams, its sender's included; a direct one both of its members'.
        long expected = (long) (HTTP_SENDS + STREAM_SENDS / 2) * MEMBERS + STREAM_SENDS / 2 * 2;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (delivered.get() < expected && System.nanoTime() < deadline) LockSupport.parkNanos(10_000_000);
        streams.forEach(WebSocket::abort);
    }

    /**
     * Member {@code sender}'s share of the stream sends, one frame at a time on its stream (Java's
     * WebSocket takes no more), at most {@link #IN_FLIGHT} waiting for their ack. Frame n goes to the
     * group when n is even and to the direct chat when odd, so only its two members send the odd ones.
     */
    private Void sendFrames(WebSocket stream, Semaphore ackRoom, int sender, long group, long direct) throws Exception {
        for (int n = 0; n < STREAM_SENDS; n++) {
            boolean toGroup = n % 2 == 0;
            int from = toGroup ? (n / 2) % MEMBERS : (n / 2) % 2;
            if (from != sender) continue;
            awaitAnswers(ackRoom, 1);
            stream.sendText(JSON.writeValueAsString(Map.of("type", "message.send", "conversationId", toGroup ? group : direct,
                    "clientId", "s" + n, "text", "training message " + n)), true).join();
        }
        awaitAnswers(ackRoom, IN_FLIGHT);
        return null;
    }

    /** A stream that stops answering ends the training rather than leave it waiting for ever. */
    private static void awaitAnswers(Semaphore ackRoom, int places) throws InterruptedException {
        if (!ackRoom.tryAcquire(places, 30, TimeUnit.SECONDS)) throw new IllegalStateException("a stream sent no answer in 30 s");
    }

    /** A member's stream: counts message.created deliveries; each answer to a send (an ack, or an error frame) frees a place in {@code ackRoom}, and a 201 ack counts as accepted. */
    private WebSocket stream(String token, Semaphore ackRoom) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                frame.append(data);
                if (last) {
                    String text = frame.toString();
                    frame.setLength(0);
                    if (text.startsWith("{\"type\":\"message.ack\"") || text.startsWith("{\"type\":\"stream.error\"")) {
                        if (text.contains("\"status\":201")) accepted.incrementAndGet();
                        ackRoom.release();
                    } else if (text.contains("\"type\":\"message.created\"")) {
                        delivered.incrementAndGet();
                    }
                }
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
