package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.User;

/**
 * Messages through the shipped {@code ./stoa serve} with its bundled sample policy: a reply with
 * its quote, an edit the others hear of, an edit the policy refuses, a file that is a program in
 * disguise, and a file downloaded as an attachment.
 */
class ServeMessagesIT {

    @TempDir
    static Path folder;
    static LaunchedServer server;

    @BeforeAll
    static void start() {
        server = LaunchedServer.start(folder, "media:\n  maxFileBytes: 1MB\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void replyEditRefusedEditAndAFileThroughTheLauncher() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        Response question = bob.send(group, "q1", "Lunch at one?");
        Response reply = alice.api().post("/api/v1/conversations/" + group + "/messages",
                Map.of("clientId", "a1", "text", "Yes", "replyTo", question.id()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().at("/quote/text").asText()).isEqualTo("Lunch at one?");

        try (StreamClient bobs = bob.stream(null)) {
            Response edited = alice.api().patch("/api/v1/messages/" + reply.id(), Map.of("text", "Yes, see you there"));
            assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
            JsonNode event = bobs.awaitEvent("message.edited", e -> e.at("/data/id").asLong() == reply.id());
            assertThat(event.at("/data/text").asText()).isEqualTo("Yes, see you there");
        }
        Response refused = alice.api().patch("/api/v1/messages/" + reply.id(), Map.of("text", "best online casino bonus"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("message_refused");
        assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("gambling-ads");
        JsonNode history = bob.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages");
        assertThat(history.get(1).get("text").asText()).isEqualTo("Yes, see you there");

        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        Response disguised = upload(alice, "application/pdf", "invoice.pdf", exe);
        assertThat(disguised.status()).isEqualTo(415);
        assertThat(disguised.code()).isEqualTo("executable_file");
        assertThat(upload(alice, "application/pdf", "big.pdf", new byte[2 << 20]).status()).isEqualTo(413);

        byte[] notes = "Agenda\n1. lunch\n".getBytes(StandardCharsets.UTF_8);
        Response file = upload(alice, "text/plain", "agenda (final).txt", notes);
        assertThat(file.status()).as(file.toString()).isEqualTo(201);
        Response sent = alice.api().post("/api/v1/conversations/" + group + "/messages",
                Map.of("clientId", "f1", "mediaId", file.json().get("id").asText()));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        Response download = bob.api().get("/api/v1/media/" + file.json().get("id").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw()).isEqualTo(notes);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"agenda (final).txt\"; filename*=UTF-8''agenda%20%28final%29.txt");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    private static Response upload(User u, String type, String name, byte[] bytes) {
        return u.api().send(u.api().request("/api/v1/media?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20")).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }
}
