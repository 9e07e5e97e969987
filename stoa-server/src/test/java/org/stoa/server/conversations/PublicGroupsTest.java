package org.stoa.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class PublicGroupsTest {

    @TempDir
    Path dir;
    TestServer server;
    User owner;
    User stranger;

    @BeforeEach
    void start() {
        server = new TestServer(dir, Map.of("groups.maxPublicMembers", "3"));
        owner = server.register("owner");
        stranger = server.register("stranger");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long publicGroup(String title) {
        Response created = owner.api().post("/api/v1/conversations",
                Map.of("type", "group", "members", List.of(), "title", title, "visibility", "public"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("visibility").asText()).isEqualTo("public");
        return created.id();
    }

    @Test
    void anyoneJoinsAPublicGroupWithoutAnInvitationUpToItsLimit() {
        long group = publicGroup("Hiking club");
        try (StreamClient ownerStream = owner.stream(null)) {
            Response joined = stranger.api().post("/api/v1/conversations/" + group + "/join", Map.of());
            assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
            assertThat(joined.json().get("members")).hasSize(2);
            ownerStream.awaitEvent("conversation.updated", e -> e.at("/data/members").size() == 2);
        }
        assertThat(stranger.api().post("/api/v1/conversations/" + group + "/join", Map.of()).json().get("members"))
                .as("joining again changes nothing").hasSize(2);
        assertThat(stranger.send(group, "hi", "hello hikers").status()).isEqualTo(201);

        server.register("third").api().post("/api/v1/conversations/" + group + "/join", Map.of());
        Response full = server.register("fourth").api().post("/api/v1/conversations/" + group + "/join", Map.of());
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("group_full");

        assertThat(owner.api().delete("/api/v1/conversations/" + group + "/members/" + stranger.id()).status())
                .as("the owner removes a member").isEqualTo(204);
        assertThat(stranger.send(group, "again", "still here?").code()).isEqualTo("conversation_not_found");
    }

    @Test
    void onlyPublicGroupsCanBeJoinedAndOnlyTheOwnerMakesThemPublic() {
        User friend = server.register("friend");
        server.befriend(owner, friend);
        long group = owner.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(friend.id()))).id();
        assertThat(stranger.api().post("/api/v1/conversations/" + group + "/join", Map.of()).code())
                .as("a private group is not found").isEqualTo("conversation_not_found");
        assertThat(owner.api().patch("/api/v1/conversations/" + group, Map.of("visibility", "public")).code())
                .as("a public group is listed by its title").isEqualTo("title_required");
        owner.api().patch("/api/v1/conversations/" + group, Map.of("title", "Friends"));
        assertThat(friend.api().patch("/api/v1/conversations/" + group, Map.of("visibility", "public")).code()).isEqualTo("not_allowed");
        Response madePublic = owner.api().patch("/api/v1/conversations/" + group, Map.of("visibility", "public"));
        assertThat(madePublic.json().get("visibility").asText()).isEqualTo("public");
        assertThat(stranger.api().post("/api/v1/conversations/" + group + "/join", Map.of()).status()).isEqualTo(200);
        owner.api().patch("/api/v1/conversations/" + group, Map.of("visibility", "private"));
        User late = server.register("late");
        assertThat(late.api().post("/api/v1/conversations/" + group + "/join", Map.of()).code()).isEqualTo("conversation_not_found");
    }

    @Test
    void slowModeLetsAMemberSendOncePerIntervalAndSaysWhenAgain() {
        long group = publicGroup("Announcements");
        stranger.api().post("/api/v1/conversations/" + group + "/join", Map.of());
        assertThat(stranger.api().patch("/api/v1/conversations/" + group, Map.of("slowModeSeconds", 30)).code()).isEqualTo("not_allowed");
        assertThat(stranger.send(group, "0", "before slow mode").status()).as("the group, as sends know it, has no slow mode").isEqualTo(201);
        Response set = owner.api().patch("/api/v1/conversations/" + group, Map.of("slowModeSeconds", 30));
        assertThat(set.json().get("slowModeSeconds").asInt()).isEqualTo(30);

        assertThat(stranger.send(group, "1", "first").status()).isEqualTo(201);
        Response slowed = stranger.send(group, "2", "second");
        assertThat(slowed.status()).as(slowed.toString()).isEqualTo(429);
        assertThat(slowed.contentType()).startsWith("application/problem+json");
        assertThat(slowed.code()).isEqualTo("slow_mode");
        assertThat(slowed.json().get("retryAfterSeconds").asLong()).isBetween(1L, 30L);
        assertThat(slowed.json().get("slowModeSeconds").asInt()).isEqualTo(30);
        assertThat(slowed.json().get("sendableAt").asText()).isNotBlank();
        assertThat(slowed.headers().firstValue("Retry-After")).isPresent();
        assertThat(owner.send(group, "o1", "owners").status()).isEqualTo(201);
        assertThat(owner.send(group, "o2", "are not slowed").status()).isEqualTo(201);

        server.clock().advance(Duration.ofSeconds(31));
        assertThat(stranger.send(group, "2", "second").status()).as("the refused clientId is free to use").isEqualTo(201);
        owner.api().patch("/api/v1/conversations/" + group, Map.of("slowModeSeconds", 0));
        assertThat(stranger.send(group, "3", "third").status()).isEqualTo(201);
    }

    @Test
    void hostileChangesGetClearProblems() {
        long group = publicGroup("Chess");
        String path = "/api/v1/conversations/" + group;
        assertThat(owner.api().patch(path, Map.of("visibility", "everyone")).code()).isEqualTo("invalid_field");
        assertThat(owner.api().patch(path, Map.of("slowModeSeconds", -1)).code()).isEqualTo("invalid_slow_mode");
        assertThat(owner.api().patch(path, Map.of("slowModeSeconds", 86_401)).code()).isEqualTo("invalid_slow_mode");
        assertThat(owner.api().patch(path, Map.of("slowModeSeconds", "soon")).code()).isEqualTo("invalid_field");
        assertThat(owner.api().patch(path, Map.of()).code()).isEqualTo("missing_field");
        assertThat(stranger.api().post("/api/v1/conversations/abc/join", Map.of()).code()).isEqualTo("conversation_not_found");
        assertThat(stranger.api().post("/api/v1/conversations/99999999/join", Map.of()).code()).isEqualTo("conversation_not_found");
        server.befriend(owner, stranger);
        assertThat(owner.api().post("/api/v1/conversations", Map.of("type", "direct", "members", List.of(stranger.id()),
                "visibility", "public")).code()).isEqualTo("invalid_visibility");
        long direct = server.direct(owner, stranger);
        assertThat(stranger.api().post("/api/v1/conversations/" + direct + "/join", Map.of()).status()).as("already in it, not public")
                .isEqualTo(404);
    }

    @Test
    void joinsAreLimitedPerAccount() {
        try (TestServer limited = new TestServer(dir.resolve("limited"), Map.of("limits.groupJoinsPerAccount", "1/1h"))) {
            User founder = limited.register("founder");
            User joiner = limited.register("joiner");
            long a = founder.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(), "title", "A",
                    "visibility", "public")).id();
            assertThat(joiner.api().post("/api/v1/conversations/" + a + "/join", Map.of()).status()).isEqualTo(200);
            Response limitedJoin = joiner.api().post("/api/v1/conversations/" + a + "/join", Map.of());
            assertThat(limitedJoin.code()).isEqualTo("rate_limited");
            assertThat(limitedJoin.json().get("limiter").asText()).isEqualTo("groupJoinsPerAccount");
        }
    }
}
