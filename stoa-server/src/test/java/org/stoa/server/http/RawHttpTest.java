package org.stoa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stoa.server.support.TestServer;

/**
 * Requests broken below the level of JSON, written byte by byte on a socket: what Jetty refuses
 * before any route runs is answered as problem+json too, never as an HTML page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;

    record Raw(String name, String request) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Answer(int status, String headers, String body) {}

    @BeforeAll
    void start(@TempDir Path dir) {
        server = new TestServer(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static List<Raw> requests() {
        String host = "Host: localhost\r\n";
        return List.of(
                new Raw("bad percent-encoding", "GET /api/v1/conversations/%ZZ HTTP/1.1\r\n" + host + "\r\n"),
                new Raw("overlong UTF-8 in the path", "GET /api/v1/conversations/%C0%AF HTTP/1.1\r\n" + host + "\r\n"),
                new Raw("encoded slash", "GET /api/v1/conversations/1%2F2/messages HTTP/1.1\r\n" + host + "\r\n"),
                new Raw("dot segments", "GET /api/v1/../../../etc/passwd HTTP/1.1\r\n" + host + "\r\n"),
                new Raw("a URI of 20,000 characters", "GET /api/v1/" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "\r\n"),
                new Raw("headers of 64 KB", "GET /api/v1/me HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(65_536) + "\r\n\r\n"),
                new Raw("no Host", "GET /api/v1/me HTTP/1.1\r\n\r\n"),
                new Raw("an unknown method", "BREW /api/v1/me HTTP/1.1\r\n" + host + "\r\n"),
                new Raw("an unknown HTTP version", "GET /api/v1/me HTTP/7.0\r\n" + host + "\r\n"),
                new Raw("a NUL in the request line", "GET /api/v1/me\u0000 HTTP/1.1\r\n" + host + "\r\n"),
                new Raw("Content-Length and chunked both", "POST /api/v1/sessions HTTP/1.1\r\n" + host
                        + "Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                new Raw("a negative Content-Length", "POST /api/v1/sessions HTTP/1.1\r\n" + host + "Content-Length: -5\r\n\r\n"),
                new Raw("a broken chunk", "POST /api/v1/sessions HTTP/1.1\r\n" + host
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
                new Raw("a body shorter than its Content-Length", "POST /api/v1/sessions HTTP/1.1\r\n" + host
                        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"username\":"),
                new Raw("a bad header line", "GET /api/v1/me HTTP/1.1\r\n" + host + "No colon here\r\n\r\n"),
                new Raw("a path outside the API", "GET /no/such/page HTTP/1.1\r\n" + host + "\r\n"),
                new Raw("a WebSocket upgrade without its key", "GET /api/v1/stream HTTP/1.1\r\n" + host
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void everyRefusalIsAProblemDocument(Raw raw) throws IOException {
        Answer a = send(raw.request());
        assertThat(a.status()).as(a.toString()).isBetween(400, 599).isNotEqualTo(500); // 505 for HTTP/7.0 is the protocol's answer
        assertThat(a.headers().toLowerCase()).as(a.toString()).contains("content-type: application/problem+json");
        JsonNode problem = JSON.readTree(a.body());
        assertThat(problem.get("status").asInt()).isEqualTo(a.status());
        assertThat(problem.get("code").asText()).isNotBlank();
        assertThat(a.body()).doesNotContainIgnoringCase("<html").doesNotContain("org.eclipse").doesNotContain("Exception");
        // Javalin opens a servlet session on every upgrade, refused ones too: none is kept, no cookie is set.
        assertThat(a.headers().toLowerCase()).doesNotContain("set-cookie");
    }

    private Answer send(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                s.shutdownOutput();
            } catch (SocketException closedEarly) {
                // the server answered before reading all of it; the answer is still there to read
            }
            byte[] bytes = readAll(s.getInputStream());
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer, got: " + text).isPositive();
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            String body = text.substring(end + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) body = unchunk(body);
            return new Answer(status, head, body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
        } catch (SocketException reset) {
            // the server closed after answering
        }
        return out.toByteArray();
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) return out.toString();
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }
}
