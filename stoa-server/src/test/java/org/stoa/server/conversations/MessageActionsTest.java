package org.stoa.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Replies, edits, captions, files, "delete for me" and forwards, through the API, with hostile input. */
class MessageActionsTest {

    static final String POLICY = """
            version: "messages-1"
            enforcement:
              severeCategories: [malware]
              ladder:
                - {atStrikes: 1, sanction: warning}
                - {atStrikes: 5, sanction: suspension, duration: 7d}
            ocr:
              bank: ocr-detected
            lists:
              casino:
                terms: [online casino]
              pills:
                terms: [cheap pills]
            banks: [malware-files, ocr-detected]
            rules:
              - {id: gambling, version: 3, title: Gambling advertising, explanation: Gambling ads are not allowed here.,
                 category: gambling, conditions: [{text: casino}], action: block, severity: 1}
              - {id: pills-in-groups, version: 1, title: Pills, explanation: Not in groups., category: spam, scope: group,
                 conditions: [{text: pills}], action: block, severity: 1}
              - {id: malware-files, version: 1, title: Known malware, explanation: This file is known malware.,
                 category: malware, conditions: [{image: malware-files}], action: block, severity: 3}
              - {id: ocr-images, version: 1, title: Withdrawn image, explanation: It broke a rule before.,
                 category: other, conditions: [{image: ocr-detected}], action: block, severity: 1}
            """;

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        server = new TestServer(dir.resolve("data"), Map.of("policy.file", policy.toString(), "media.maxFileBytes", "64KB"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Response send(User u, long conversation, Map<String, Object> body) {
        return u.api().post("/api/v1/conversations/" + conversation + "/messages", body);
    }

    private static Response upload(User u, String type, String name, byte[] bytes) {
        String query = name == null ? "" : "?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);
        return u.api().send(u.api().request("/api/v1/media" + query).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private static JsonNode history(User u, long conversation) {
        return u.api().get("/api/v1/conversations/" + conversation + "/messages").json().get("messages");
    }

    @Test
    void aReplyQuotesItsOriginalAsItIsNow() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        Response original = bob.send(group, "o1", "shall we meet at\n noon?");
        Response reply = send(alice, group, Map.of("clientId", "r1", "text", "yes", "replyTo", original.id()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("replyTo").asLong()).isEqualTo(original.id());
        assertThat(reply.json().at("/quote/senderId").asLong()).isEqualTo(bob.id());
        assertThat(reply.json().at("/quote/kind").asText()).isEqualTo("text");
        assertThat(reply.json().at("/quote/text").asText()).isEqualTo("shall we meet at noon?");

        Response photo = upload(bob, "image/png", null, Images.encode("png", 40, 30));
        Response photoMessage = send(bob, group, Map.of("clientId", "p1", "mediaId", photo.json().get("id").asText()));
        Response aboutPhoto = send(alice, group, Map.of("clientId", "r2", "text", "nice", "replyTo", photoMessage.id()));
        assertThat(aboutPhoto.json().at("/quote/kind").asText()).isEqualTo("photo");

        // Once the original is recalled, the quote says so and no longer carries its text.
        assertThat(bob.api().post("/api/v1/messages/" + original.id() + "/recall", Map.of()).status()).isEqualTo(200);
        JsonNode quoted = history(alice, group).get(1);
        assertThat(quoted.get("id").asLong()).isEqualTo(reply.id());
        assertThat(quoted.at("/quote/state").asText()).isEqualTo("recalled");
        assertThat(quoted.at("/quote/text").isMissingNode()).isTrue();

        // Hostile: no such message, another conversation's message, not a number.
        User carol = server.register("carol");
        server.befriend(alice, carol);
        long direct = server.direct(alice, carol);
        Response elsewhere = carol.send(direct, "d1", "private");
        for (Object bad : List.of(999_999L, elsewhere.id(), -1L)) {
            Response r = send(alice, group, Map.of("clientId", "bad-" + bad, "text", "x", "replyTo", bad));
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("invalid_reply_to");
        }
        assertThat(send(alice, group, Map.of("clientId", "bad-s", "text", "x", "replyTo", "abc")).status()).isEqualTo(400);
        assertThat(send(bob, group, Map.of("clientId", "bad-q", "text", "x", "replyTo", elsewhere.id())).code())
                .isEqualTo("invalid_reply_to");
    }

    @Test
    void anEditIsReviewedSeenByEveryoneAndOnlyTheSendersWithinFifteenMinutes() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        Response sent = alice.send(group, "e1", "see you at nine");
        try (StreamClient bobStream = bob.stream(null)) {
            Response edited = alice.api().patch("/api/v1/messages/" + sent.id(), Map.of("text", "see you at ten"));
            assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
            assertThat(edited.json().get("text").asText()).isEqualTo("see you at ten");
            assertThat(edited.json().has("editedAt")).isTrue();
            JsonNode event = bobStream.awaitEvent("message.edited", e -> e.at("/data/id").asLong() == sent.id());
            assertThat(event.at("/data/text").asText()).isEqualTo("see you at ten");
            assertThat(event.at("/data/editedAt").isMissingNode()).isFalse();
        }
        try (StreamClient catchUp = bob.stream(0L)) {
            JsonNode replayed = catchUp.awaitEvent("message.edited", e -> e.at("/data/id").asLong() == sent.id());
            assertThat(replayed.at("/data/text").asText()).isEqualTo("see you at ten");
        }

        // An edit cannot smuggle a listed term past review: the same 422 as a send, the original stays.
        Response refused = alice.api().patch("/api/v1/messages/" + sent.id(), Map.of("text", "visit my online casino"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("message_refused");
        assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("gambling");
        assertThat(refused.json().at("/reasons/0/ruleVersion").asInt()).isEqualTo(3);
        assertThat(refused.json().at("/reasons/0/evidence").asText()).contains("online casino");
        assertThat(refused.json().at("/decision/id").asLong()).isPositive();
        assertThat(history(bob, group).get(0).get("text").asText()).isEqualTo("see you at ten");

        // Someone else's message, hostile bodies, no such message.
        Response notMine = bob.api().patch("/api/v1/messages/" + sent.id(), Map.of("text", "hijacked"));
        assertThat(notMine.status()).isEqualTo(403);
        assertThat(notMine.code()).isEqualTo("not_your_message");
        assertThat(alice.api().patch("/api/v1/messages/" + sent.id(), Map.of()).code()).isEqualTo("missing_field");
        assertThat(alice.api().patch("/api/v1/messages/" + sent.id(), Map.of("text", " ")).code()).isEqualTo("empty_text");
        assertThat(alice.api().patch("/api/v1/messages/" + sent.id(), Map.of("text", "x".repeat(4001))).code()).isEqualTo("text_too_long");
        assertThat(alice.api().patch("/api/v1/messages/" + sent.id(), Map.of("text", "nul\u0000")).status()).isEqualTo(400);
        assertThat(alice.api().patch("/api/v1/messages/999999", Map.of("text", "x")).code()).isEqualTo("message_not_found");
        assertThat(alice.api().patch("/api/v1/messages/abc", Map.of("text", "x")).status()).isEqualTo(404);

        // After the window, by the injected clock.
        server.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        Response late = alice.api().patch("/api/v1/messages/" + sent.id(), Map.of("text", "too late"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("edit_window_passed");
    }

    @Test
    void aRefusedEditReversedOnAppealMayBeMadeAgain() {
        User admin = server.registerWith("admin", Role.ADMIN);
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        Response sent = alice.send(group, "e1", "meet at the cafe");
        Response refused = alice.api().patch("/api/v1/messages/" + sent.id(), Map.of("text", "meet at the online casino cafe"));
        long decisionId = refused.json().at("/decision/id").asLong();
        assertThat(alice.api().get("/api/v1/decisions/" + decisionId).json().get("visibility").asText())
                .isEqualTo("not edited: the message kept its earlier text, and nobody saw the edit");
        Response filed = alice.api().post("/api/v1/decisions/" + decisionId + "/appeals",
                Map.of("statement", "It is the name of a cafe, not an advert.", "requestedOutcome", "reverse"));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        Response decided = admin.api().post("/api/v1/moderation/appeals/" + filed.id() + "/decide",
                Map.of("outcome", "reversed", "reason", "The Online Casino Cafe is a real cafe in town."));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(alice.api().get("/api/v1/decisions/" + decided.json().get("outcomeDecisionId").asLong()).json()
                .get("visibility").asText()).contains("the edit it refused may be made again");
        assertThat(history(bob, group).get(0).get("text").asText()).isEqualTo("meet at the cafe");
    }

    @Test
    void aCaptionTravelsWithItsImageAndIsReviewedWithIt() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        String image = upload(alice, "image/png", null, Images.encode("png", 60, 40)).json().get("id").asText();
        Response captioned = send(alice, group, Map.of("clientId", "c1", "mediaId", image, "text", "our new kitchen"));
        assertThat(captioned.status()).as(captioned.toString()).isEqualTo(201);
        assertThat(captioned.json().get("text").asText()).isEqualTo("our new kitchen");
        assertThat(captioned.json().at("/media/kind").asText()).isEqualTo("image");
        assertThat(history(bob, group)).hasSize(1);

        Response refused = send(alice, group, Map.of("clientId", "c2", "mediaId", image, "text", "online casino inside"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("gambling");
        assertThat(history(bob, group)).as("nothing of the refused message arrives").hasSize(1);
    }

    @Test
    void filesAreSniffedBankedAndDownloadedAsAttachments() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        Response up = upload(alice, "application/pdf", "Q3 report \u202Eexe.pdf", PDF);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        assertThat(up.json().get("kind").asText()).isEqualTo("file");
        assertThat(up.json().get("name").asText()).as("bidi overrides are cleaned from names").isEqualTo("Q3 report exe.pdf");
        Response sent = send(alice, group, Map.of("clientId", "f1", "mediaId", up.json().get("id").asText(), "text", "the figures"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().at("/media/kind").asText()).isEqualTo("file");
        assertThat(sent.json().at("/media/name").asText()).isEqualTo("Q3 report exe.pdf");
        assertThat(sent.json().at("/media/size").asLong()).isEqualTo(PDF.length);

        Response download = bob.api().get("/api/v1/media/" + up.json().get("id").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw()).isEqualTo(PDF);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"Q3 report exe.pdf\"").contains("filename*=UTF-8''Q3%20report%20exe.pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Security-Policy")).contains("sandbox");

        Response text = upload(alice, "text/plain", "notes.txt", "héllo\n".getBytes(StandardCharsets.UTF_8));
        assertThat(text.status()).isEqualTo(201);
        assertThat(bob.api().get("/api/v1/media/" + text.json().get("id").asText()).status()).as("not sent: not visible").isEqualTo(404);

        // Hostile: a program claiming to be a PDF, binary "text", HTML, no name, too large.
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        Response program = upload(alice, "application/pdf", "invoice.pdf", exe);
        assertThat(program.status()).isEqualTo(415);
        assertThat(program.code()).isEqualTo("executable_file");
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
        assertThat(upload(alice, "application/zip", "a.zip", elf).code()).isEqualTo("executable_file");
        assertThat(upload(alice, "text/plain", "a.txt", new byte[] {'a', 0, 'b'}).code()).isEqualTo("media_type_mismatch");
        assertThat(upload(alice, "application/pdf", "a.pdf", "not a pdf".getBytes(StandardCharsets.US_ASCII)).code())
                .isEqualTo("media_type_mismatch");
        Response html = upload(alice, "text/html", "a.html", "<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII));
        assertThat(html.status()).isEqualTo(415);
        assertThat(html.code()).isEqualTo("unsupported_media_type");
        assertThat(upload(alice, "application/pdf", null, PDF).code()).isEqualTo("missing_file_name");
        assertThat(upload(alice, "application/pdf", "\u0000\u202E", PDF).code()).isEqualTo("invalid_file_name");
        assertThat(upload(alice, "application/pdf", "x".repeat(300), PDF).code()).isEqualTo("invalid_file_name");
        byte[] big = new byte[65 * 1024];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        Response oversize = upload(alice, "application/pdf", "big.pdf", big);
        assertThat(oversize.status()).isEqualTo(413);
        assertThat(oversize.code()).isEqualTo("body_too_large");
    }

    @Test
    void aBankedFileIsRefusedBySha256AndByMd5() {
        User moderator = server.registerWith("mod", Role.ADMIN);
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        byte[] malware = "%PDF-1.7\n% a known malicious document\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        Response banked = moderator.api().send(moderator.api().request("/api/v1/moderation/banks/malware-files/entries?reason=known+malware+file")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(malware)));
        assertThat(banked.status()).as(banked.toString()).isEqualTo(201);

        String id = upload(alice, "application/pdf", "invoice.pdf", malware).json().get("id").asText();
        Response bySha = send(alice, group, Map.of("clientId", "m1", "mediaId", id));
        assertThat(bySha.status()).isEqualTo(422);
        assertThat(bySha.json().at("/reasons/0/ruleId").asText()).isEqualTo("malware-files");
        assertThat(bySha.json().at("/reasons/0/evidence").asText()).contains("sha256");

        String sha256 = Images.sha256(malware);
        Response removed = moderator.api().delete("/api/v1/moderation/banks/malware-files/entries/sha256/" + sha256 + "?reason=md5+only");
        assertThat(removed.status()).as(removed.toString()).isIn(200, 204);
        User carol = server.register("carol");
        long other = server.group(carol, List.of(bob));
        String again = upload(carol, "application/pdf", "invoice.pdf", malware).json().get("id").asText();
        Response byMd5 = send(carol, other, Map.of("clientId", "m2", "mediaId", again));
        assertThat(byMd5.status()).isEqualTo(422);
        assertThat(byMd5.json().at("/reasons/0/evidence").asText()).contains("md5");
        assertThat(history(bob, group)).isEmpty();
    }

    @Test
    void hidingIsForMeAlone() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        long group = server.group(alice, List.of(bob));
        Response first = alice.send(group, "h1", "keep");
        Response second = alice.send(group, "h2", "hide me");
        try (StreamClient bobStream = bob.stream(null)) {
            Response hidden = bob.api().post("/api/v1/messages/" + second.id() + "/hide", Map.of());
            assertThat(hidden.status()).as(hidden.toString()).isEqualTo(204);
            JsonNode event = bobStream.awaitEvent("message.hidden", e -> e.at("/data/id").asLong() == second.id());
            assertThat(event.at("/data/conversationId").asLong()).isEqualTo(group);
        }
        assertThat(history(bob, group)).extracting(m -> m.get("id").asLong()).containsExactly(first.id());
        assertThat(history(alice, group)).extracting(m -> m.get("id").asLong()).containsExactly(first.id(), second.id());
        try (StreamClient catchUp = bob.stream(0L)) {
            catchUp.awaitEvent("message.hidden", e -> e.at("/data/id").asLong() == second.id());
        }
        assertThat(bob.api().post("/api/v1/messages/" + second.id() + "/hide", Map.of()).status()).as("again: still hidden").isEqualTo(204);

        User mallory = server.register("mallory");
        assertThat(mallory.api().post("/api/v1/messages/" + first.id() + "/hide", Map.of()).code()).isEqualTo("message_not_found");
        assertThat(bob.api().post("/api/v1/messages/999999/hide", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aForwardIsANewMessageReviewedWhereItGoes() {
        User alice = server.register("alice");
        User bob = server.register("bob");
        User carol = server.register("carol");
        server.befriend(alice, bob);
        long direct = server.direct(alice, bob);
        long group = server.group(alice, List.of(carol));
        Response original = bob.send(direct, "f1", "meet at the station");
        Map<String, Object> body = new HashMap<>(Map.of("conversationId", group, "clientId", "fw-1"));
        Response forwarded = alice.api().post("/api/v1/messages/" + original.id() + "/forward", body);
        assertThat(forwarded.status()).as(forwarded.toString()).isEqualTo(201);
        assertThat(forwarded.json().get("forwarded").asBoolean()).isTrue();
        assertThat(forwarded.json().get("senderId").asLong()).isEqualTo(alice.id());
        assertThat(forwarded.json().get("text").asText()).isEqualTo("meet at the station");
        Response replay = alice.api().post("/api/v1/messages/" + original.id() + "/forward", body);
        assertThat(replay.id()).as("the same clientId: the same message").isEqualTo(forwarded.id());
        assertThat(history(carol, group)).hasSize(1);

        // Allowed in the direct chat, refused by a rule that covers groups only.
        Response pills = bob.send(direct, "f2", "cheap pills here");
        assertThat(pills.status()).isEqualTo(201);
        Response refused = alice.api().post("/api/v1/messages/" + pills.id() + "/forward", Map.of("conversationId", group));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/reasons/0/ruleId").asText()).isEqualTo("pills-in-groups");

        // Hostile: a conversation I am not in, a message I cannot read, no target.
        long notMine = server.group(bob, List.of(server.register("dave")));
        assertThat(alice.api().post("/api/v1/messages/" + original.id() + "/forward", Map.of("conversationId", notMine)).code())
                .isEqualTo("conversation_not_found");
        assertThat(carol.api().post("/api/v1/messages/" + original.id() + "/forward", Map.of("conversationId", group)).code())
                .isEqualTo("message_not_found");
        assertThat(alice.api().post("/api/v1/messages/" + original.id() + "/forward", Map.of()).code()).isEqualTo("missing_field");
    }
}
