package org.stoa.server.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A real WebSocket client on {@code /api/v1/stream} that records every frame it receives. */
public final class StreamClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private StreamClient(int port, String token, String query) {
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(Api.JSON.readTree(partial.toString()));
                    } catch (IOException e) {
                        throw new IllegalStateException("bad frame " + partial, e);
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        };
        WebSocket.Builder b = CLIENT.newWebSocketBuilder();
        if (token != null) b.header("Authorization", "Bearer " + token);
        this.socket = b.buildAsync(URI.create("ws://localhost:" + port + "/api/v1/stream" + query), listener).join();
    }

    public static StreamClient connect(int port, String token, Long since) {
        StreamClient c = new StreamClient(port, token, since == null ? "" : "?since=" + since);
        c.awaitReady();
        return c;
    }

    /** A stream opened with {@code query} (e.g. {@code ?since=3&channelSince=7}), once it is ready. */
    public static StreamClient connectWith(int port, String token, String query) {
        StreamClient c = new StreamClient(port, token, query);
        c.awaitReady();
        return c;
    }

    /** Frames of followed channels ({@code channel.post}, {@code channel.notice}: a channelSeq, no eventSeq), in arrival order. */
    public List<JsonNode> channelFrames(String type) {
        return frames.stream().filter(f -> f.has("channelSeq") && f.path("type").asText().equals(type)).toList();
    }

    public List<JsonNode> awaitChannelFrames(String type, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> channelFrames(type).size() >= count);
        return channelFrames(type);
    }

    /** The stream.ready frame. */
    public JsonNode ready() {
        return frames.stream().filter(f -> f.path("type").asText().equals("stream.ready")).findFirst().orElseThrow();
    }

    /** The answer to an upgrade the server refuses (its status and headers); fails if it is accepted. */
    public static java.net.http.HttpResponse<?> refusal(int port, String token, String query) {
        WebSocket.Builder b = CLIENT.newWebSocketBuilder();
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            WebSocket ws = b.buildAsync(URI.create("ws://localhost:" + port + "/api/v1/stream" + query), new WebSocket.Listener() {})
                    .join();
            ws.abort();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) return h.getResponse();
            throw e;
        }
        throw new AssertionError("the server accepted the stream");
    }

    public static StreamClient connectWithTicket(int port, String ticket) {
        StreamClient c = new StreamClient(port, null, "?ticket=" + ticket);
        c.awaitReady();
        return c;
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> frames.stream().anyMatch(f -> f.path("type").asText().equals("stream.ready")));
    }

    /** Events (frames with an eventSeq), in arrival order. */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : frames) if (f.has("eventSeq")) out.add(f);
        return out;
    }

    public List<JsonNode> events(String type) {
        return events().stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    public List<JsonNode> awaitEvents(String type, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> events(type).size() >= count);
        return events(type);
    }

    public JsonNode awaitEvent(String type, Predicate<JsonNode> match) {
        await().atMost(Duration.ofSeconds(20)).until(() -> events(type).stream().anyMatch(match));
        return events(type).stream().filter(match).findFirst().orElseThrow();
    }

    public long lastEventSeq() {
        List<JsonNode> ev = events();
        return ev.isEmpty() ? 0 : ev.getLast().path("eventSeq").asLong();
    }

    public List<JsonNode> frames() {
        return frames;
    }

    public CompletableFuture<Integer> closedWith() {
        return closed;
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    /** Frames of {@code type} that are no events (answers to the client's own frames: message.ack, stream.error). */
    public List<JsonNode> replies(String type) {
        return frames.stream().filter(f -> !f.has("eventSeq") && f.path("type").asText().equals(type)).toList();
    }

    public List<JsonNode> awaitReplies(String type, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> replies(type).size() >= count);
        return replies(type);
    }

    /** The answer ({@code message.ack} or {@code stream.error}) echoing {@code requestId}. */
    public JsonNode awaitReply(String requestId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> reply(requestId) != null);
        return reply(requestId);
    }

    private JsonNode reply(String requestId) {
        return frames.stream().filter(f -> !f.has("eventSeq") && f.path("requestId").asText().equals(requestId)).findFirst().orElse(null);
    }

    /**
     * Sends {@code fields} as a {@code message.send} frame with a fresh requestId and answers its
     * {@code message.ack} (or {@code stream.error}).
     */
    public JsonNode sendMessage(java.util.Map<String, ?> fields) {
        String requestId = "r" + REQUESTS.incrementAndGet();
        java.util.Map<String, Object> frame = new java.util.LinkedHashMap<>(fields);
        frame.put("type", "message.send");
        frame.put("requestId", requestId);
        try {
            sendText(Api.JSON.writeValueAsString(frame));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return awaitReply(requestId);
    }

    public JsonNode sendMessage(long conversationId, String clientId, String text) {
        return sendMessage(java.util.Map.of("conversationId", conversationId, "clientId", clientId, "text", text));
    }

    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        socket.abort();
    }
}
