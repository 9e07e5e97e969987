package org.stoa.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * A group's settings (name, description, avatar, roles, mute), mentions, typing and read markers
 * through the API, with hostile input: huge and dirty names, members who are not admins, floods.
 */
class GroupSettingsTest {

    @TempDir
    Path dir;
    TestServer server;
    User owner;
    User admin;
    User member;
    long group;

    @BeforeEach
    void start() {
        server = new TestServer(dir, Map.of("limits.typingPerAccount", "5/1m"));
        owner = server.register("owner");
        admin = server.register("groupadmin");
        member = server.register("member");
        group = server.group(owner, List.of(admin, member));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String path() {
        return "/api/v1/conversations/" + group;
    }

    @Test
    void ownersAndAdminsSetTheNameDescriptionAndAvatarAndEveryMemberHearsOfIt() {
        assertThat(owner.api().put(path() + "/members/" + admin.id() + "/role", Map.of("role", "admin")).status()).isEqualTo(200);
        String avatar = upload(admin, Images.encode("png", 64, 64));
        try (StreamClient memberStream = member.stream(null)) {
            Response changed = admin.api().patch(path(), Map.of("title", "  Book club 📚 ", "description", "Line one\nline two",
                    "avatarId", avatar));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(changed.json().get("title").asText()).isEqualTo("Book club 📚");
            assertThat(changed.json().get("description").asText()).isEqualTo("Line one\nline two");
            assertThat(changed.json().get("avatarId").asText()).isEqualTo(avatar);
            memberStream.awaitEvent("conversation.updated", e -> e.at("/data/avatarId").asText().equals(avatar));
        }
        assertThat(member.api().get("/api/v1/media/" + avatar).status()).as("members see the group's avatar").isEqualTo(200);
        JsonNode summary = summary(member);
        assertThat(summary.get("avatarId").asText()).isEqualTo(avatar);

        Response onlyDescription = owner.api().patch(path(), Map.of("description", ""));
        assertThat(onlyDescription.json().get("title").asText()).as("a field left out stays").isEqualTo("Book club 📚");
        assertThat(onlyDescription.json().has("description")).as("an empty one clears").isFalse();
    }

    @Test
    void hostileNamesAndMembersWhoAreNotAdminsAreRefusedClearly() {
        byte[] tenMegabytes = ("{\"title\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(owner.api().patch(path(), tenMegabytes), 413, "body_too_large");
        assertProblem(owner.api().patch(path(), Map.of("title", "x".repeat(101))), 400, "invalid_title");
        assertProblem(owner.api().patch(path(), Map.of("title", "x".repeat(40_000))), 400, "invalid_title");
        assertProblem(owner.api().patch(path(), Map.of("description", "y".repeat(501))), 400, "invalid_description");

        Response cleaned = owner.api().patch(path(), Map.of("title", "Ev\u0000il\u0007 \u202eGroup\u2066\n"));
        assertThat(cleaned.status()).as(cleaned.toString()).isEqualTo(200);
        assertThat(cleaned.json().get("title").asText()).as("control characters and bidi overrides go").isEqualTo("Evil Group");

        assertProblem(member.api().patch(path(), Map.of("title", "mine now")), 403, "not_allowed");
        assertProblem(member.api().patch(path(), Map.of("title", "PayPal https://paypa1.com/login")), 403, "not_allowed");
        assertThat(member.api().get("/api/v1/me/decisions").status()).isEqualTo(200);
        User stranger = server.register("stranger");
        assertProblem(stranger.api().patch(path(), Map.of("title", "hello")), 404, "conversation_not_found");
        assertProblem(owner.api().patch("/api/v1/conversations/" + server.direct(owner, member), Map.of("title", "x")),
                409, "not_a_group");
        assertProblem(owner.api().patch(path(), "{\"title\": 5}"), 400, null);

        Response scam = owner.api().patch(path(), Map.of("description", "Free money at PayPal https://paypa1.com/login"));
        assertProblem(scam, 422, "group_refused");
        assertThat(scam.json().path("decision").path("visibility").asText())
                .isEqualTo("not saved: the group's new description was refused before anyone saw it");
        assertThat(owner.api().get(path()).json().has("description")).isFalse();

        assertProblem(owner.api().patch(path(), Map.of("avatarId", upload(owner, Images.encode("png", 80, 40)))), 422, "avatar_not_square");
        assertProblem(owner.api().patch(path(), Map.of("avatarId", upload(member, Images.encode("png", 40, 40)))), 404, "media_not_found");
        assertProblem(owner.api().patch(path(), Map.of("avatarId", "z".repeat(10_000))), 404, "media_not_found");
    }

    @Test
    void theOwnerMakesAndRemovesAdminsAndHandsOwnershipOver() {
        assertProblem(member.api().put(path() + "/members/" + admin.id() + "/role", Map.of("role", "admin")), 403, "not_allowed");
        assertThat(roleOf(owner.api().put(path() + "/members/" + admin.id() + "/role", Map.of("role", "admin")).json(), admin))
                .isEqualTo("admin");
        assertThat(roleOf(owner.api().put(path() + "/members/" + admin.id() + "/role", Map.of("role", "member")).json(), admin))
                .isEqualTo("member");
        assertProblem(owner.api().put(path() + "/members/" + admin.id() + "/role", Map.of("role", "king")), 400, null);
        JsonNode handed = owner.api().put(path() + "/members/" + member.id() + "/role", Map.of("role", "owner")).json();
        assertThat(roleOf(handed, member)).isEqualTo("owner");
        assertThat(roleOf(handed, owner)).isEqualTo("admin");
        assertProblem(owner.api().put(path() + "/members/" + admin.id() + "/role", Map.of("role", "admin")), 403, "not_allowed");
    }

    @Test
    void muteIsEachMembersOwn() {
        try (StreamClient ownerStream = owner.stream(null)) {
            Response muted = owner.api().put(path() + "/mute", Map.of("muted", true));
            assertThat(muted.json().get("muted").asBoolean()).isTrue();
            ownerStream.awaitEvent("conversation.muted", e -> e.at("/data/conversationId").asLong() == group);
        }
        assertThat(summary(owner).get("muted").asBoolean()).isTrue();
        assertThat(summary(member).get("muted").asBoolean()).as("the others' setting stays").isFalse();
        assertProblem(owner.api().put(path() + "/mute", Map.of()), 400, null);
        assertProblem(server.register("outsider").api().put(path() + "/mute", Map.of("muted", true)), 404, "conversation_not_found");
        assertThat(owner.api().put(path() + "/mute", Map.of("muted", false)).json().get("muted").asBoolean()).isFalse();
    }

    @Test
    void unreadMentionsAreCountedForTheMentionedMemberOnly() {
        String name = member.username();
        owner.send(group, "m1", "hi @" + name + ", and @" + name + "x is nobody");
        owner.send(group, "m2", "@" + name.toUpperCase(java.util.Locale.ROOT) + ". again");
        owner.send(group, "m3", "email " + name + "@example.org and @" + name + "x are no mentions");
        assertThat(summary(member).get("mentionCount").asInt()).isEqualTo(2);
        assertThat(summary(admin).get("mentionCount").asInt()).isZero();
        assertThat(summary(member).get("unreadCount").asInt()).isEqualTo(3);
        member.api().post(path() + "/read", Map.of("seq", summary(member).get("lastSeq").asLong()));
        assertThat(summary(member).get("mentionCount").asInt()).as("read mentions no longer count").isZero();
    }

    @Test
    void typingReachesTheOtherMembersLiveIsNeverStoredAndAFloodIs429() {
        try (StreamClient memberStream = member.stream(null); StreamClient ownerStream = owner.stream(null)) {
            assertThat(owner.api().post(path() + "/typing", Map.of()).status()).isEqualTo(204);
            await(() -> memberStream.frames().stream().anyMatch(f -> f.path("type").asText().equals("typing")));
            JsonNode frame = memberStream.frames().stream().filter(f -> f.path("type").asText().equals("typing")).findFirst().orElseThrow();
            assertThat(frame.get("transient").asBoolean()).isTrue();
            assertThat(frame.has("eventSeq")).as("not in the log").isFalse();
            assertThat(frame.at("/data/accountId").asLong()).isEqualTo(owner.id());
            assertThat(frame.at("/data/conversationId").asLong()).isEqualTo(group);
            owner.send(group, "after-typing", "sent");
            memberStream.awaitEvent("message.created", e -> true);
            assertThat(ownerStream.frames()).as("not to the typist").noneMatch(f -> f.path("type").asText().equals("typing"));
        }
        try (StreamClient replay = member.stream(0L)) {
            replay.awaitEvent("message.created", e -> true);
            assertThat(replay.frames()).as("never replayed").noneMatch(f -> f.path("type").asText().equals("typing"));
        }
        Response limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            Response r = owner.api().post(path() + "/typing", Map.of());
            if (r.status() != 204) limited = r;
        }
        assertThat(limited).as("a flood is limited").isNotNull();
        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.json().get("limiter").asText()).isEqualTo("typingPerAccount");
        assertProblem(server.register("lurker").api().post(path() + "/typing", Map.of()), 404, "conversation_not_found");
        assertProblem(owner.api().post("/api/v1/conversations/not-a-number/typing", Map.of()), 404, null);
    }

    @Test
    void readMarkersShowInTheGroupAndMoveLiveForTheOtherMembers() {
        owner.send(group, "r1", "read me");
        long seq = summary(member).get("lastSeq").asLong();
        try (StreamClient ownerStream = owner.stream(null)) {
            member.api().post(path() + "/read", Map.of("seq", seq));
            await(() -> ownerStream.frames().stream().anyMatch(f -> f.path("type").asText().equals("read.updated")
                    && f.at("/data/accountId").asLong() == member.id() && f.at("/data/lastReadSeq").asLong() == seq));
        }
        JsonNode view = owner.api().get(path()).json();
        JsonNode m = StreamSupport.stream(view.get("members").spliterator(), false)
                .filter(x -> x.get("id").asLong() == member.id()).findFirst().orElseThrow();
        assertThat(m.get("lastReadSeq").asLong()).isEqualTo(seq);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(condition);
    }

    private JsonNode summary(User u) {
        for (JsonNode s : u.api().get("/api/v1/conversations").json()) if (s.get("id").asLong() == group) return s;
        throw new AssertionError("no conversation " + group);
    }

    private static String roleOf(JsonNode conversation, User u) {
        return StreamSupport.stream(conversation.get("members").spliterator(), false)
                .filter(m -> m.get("id").asLong() == u.id()).map(m -> m.get("role").asText()).findFirst().orElse("none");
    }

    private static String upload(User u, byte[] png) {
        Response up = u.api().upload("image/png", png);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        return up.json().get("id").asText();
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (code != null) assertThat(r.code()).isEqualTo(code);
    }
}
