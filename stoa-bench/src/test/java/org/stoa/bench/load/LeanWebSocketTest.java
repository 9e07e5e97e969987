package org.stoa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;

/** The load generator's WebSocket client against a real server: the upgrade, masked frames out, long frames in. */
class LeanWebSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private StoaServer server;
    private String base;

    @BeforeEach
    void start(@TempDir Path data) {
        server = StoaServer.start(ConfigLoader.fromMap(Map.of("server.port", "0", "server.host", "127.0.0.1",
                "data.dir", data.toString(), "log.format", "text", "ocr.enabled", "false")), Clock.systemUTC());
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMessageSentOnOneStreamArrivesWholeOnTheOtherAndIsAcknowledged() throws Exception {
        Login anaLogin = login("ana"), benLogin = login("ben");
        String ana = anaLogin.token(), ben = benLogin.token();
        long benId = benLogin.id();
        long request = call(ana, "POST", "/api/v1/contacts/requests", Map.of("username", "ben")).get("id").asLong();
        call(ben, "POST", "/api/v1/contacts/requests/" + request + "/accept", Map.of());
        long chat = call(ana, "POST", "/api/v1/conversations", Map.of("type", "direct", "members", java.util.List.of(benId)))
                .get("id").asLong();
        BlockingQueue<String> toAna = new LinkedBlockingQueue<>(), toBen = new LinkedBlockingQueue<>();
        URI stream = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/stream");
        try (LeanWebSocket anaStream = LeanWebSocket.open(stream, ana, toAna::add);
             LeanWebSocket benStream = LeanWebSocket.open(stream, ben, toBen::add)) {
            assertThat(next(toAna, "stream.ready")).isNotNull();
            assertThat(next(toBen, "stream.ready")).isNotNull();
            // 3,000 two-byte characters: a frame past the 7-bit length each way.
            String text = "é".repeat(3_000);
            anaStream.sendText("{\"type\":\"message.send\",\"conversationId\":" + chat + ",\"clientId\":\"c1\",\"text\":\"" + text + "\"}");
            JsonNode ack = JSON.readTree(next(toAna, "message.ack"));
            assertThat(ack.get("status").asInt()).isEqualTo(201);
            assertThat(ack.get("clientId").asText()).isEqualTo("c1");
            JsonNode created = JSON.readTree(next(toBen, "message.created"));
            assertThat(created.at("/data/text").asText()).isEqualTo(text);
        }
    }

    @Test
    void aRefusedUpgradeFailsTheOpeningWithTheServersAnswer() {
        URI stream = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/stream");
        assertThatThrownBy(() -> LeanWebSocket.open(stream, "not-a-token", frame -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("no WebSocket upgrade: HTTP/1.1 401");
    }

    /** The next frame of {@code type}, skipping others; fails after 10 s. */
    private static String next(BlockingQueue<String> frames, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && frame.contains("\"type\":\"" + type + "\"")) return frame;
        }
        throw new AssertionError("no " + type + " frame within 10 s");
    }

    private record Login(long id, String token) {}

    private Login login(String name) throws Exception {
        long id = call(null, "POST", "/api/v1/accounts", Map.of("username", name, "password", "password-of-" + name)).get("id").asLong();
        return new Login(id, call(null, "POST", "/api/v1/sessions", Map.of("username", name, "password", "password-of-" + name))
                .get("token").asText());
    }

    private JsonNode call(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }
}
