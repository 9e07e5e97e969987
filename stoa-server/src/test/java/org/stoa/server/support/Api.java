package org.stoa.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the API, optionally carrying a bearer token. */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final long LARGE_BODY = 16 * 1024;

    private final String base;
    private final String token;
    private final HttpClient client;

    public Api(int port, String token) {
        this(port, token, CLIENT);
    }

    private Api(int port, String token, HttpClient client) {
        this.base = "http://localhost:" + port;
        this.token = token;
        this.client = client;
    }

    public Api as(String otherToken) {
        return new Api(port(), otherToken, client);
    }

    /**
     * The same API reached from another client address: connections leave from {@code loopbackAddress}
     * (127.0.0.2, 127.0.0.3, ...), which the server sees as a different client.
     */
    public Api fromAddress(String loopbackAddress) {
        try {
            return new Api(port(), token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .localAddress(java.net.InetAddress.getByName(loopbackAddress)).build());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) {
        return sendJson("POST", path, body);
    }

    public Response put(String path, Object body) {
        return sendJson("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return sendJson("PATCH", path, body);
    }

    public Response sendJson(String method, String path, Object body) {
        byte[] bytes;
        try {
            bytes = body instanceof byte[] b ? b
                    : body instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    public Response upload(String contentType, byte[] bytes) {
        return send(request("/api/v1/media").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    public Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        // A large body waits for the server's "100 Continue", as curl does: a server refusing it by its
        // Content-Length answers 413 before a byte is sent, instead of a reset racing the client's writes.
        if (request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L) > LARGE_BODY) {
            request = builder.expectContinue(true).build();
        }
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("content-type").orElse("");
            JsonNode json = type.contains("json") && r.body().length > 0 ? JSON.readTree(r.body()) : null;
            return new Response(r.statusCode(), r.headers(), r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    public String token() {
        return token;
    }

    public int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }
}
