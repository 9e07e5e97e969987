package org.stoa.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class GroupsTest {

    @TempDir
    Path dir;
    TestServer server;
    User owner;
    User admin;
    User member;

    @BeforeEach
    void start() {
        server = new TestServer(dir, Map.of("groups.maxMembers", "4"));
        owner = server.register("owner");
        admin = server.register("groupadmin");
        member = server.register("member");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String roleOf(JsonNode conversation, User u) {
        return StreamSupport.stream(conversation.get("members").spliterator(), false)
                .filter(m -> m.get("id").asLong() == u.id()).map(m -> m.get("role").asText()).findFirst().orElse("none");
    }

    @Test
    void ownersAndAdminsManageTheGroup() {
        long group = server.group(owner, List.of(admin, member));
        JsonNode view = owner.api().get("/api/v1/conversations/" + group).json();
        assertThat(view.get("type").asText()).isEqualTo("group");
        assertThat(roleOf(view, owner)).isEqualTo("owner");

        assertThat(member.api().patch("/api/v1/conversations/" + group, Map.of("title", "mine now")).code()).isEqualTo("not_allowed");
        Response promoted = owner.api().put("/api/v1/conversations/" + group + "/members/" + admin.id() + "/role", Map.of("role", "admin"));
        assertThat(roleOf(promoted.json(), admin)).isEqualTo("admin");

        try (StreamClient memberStream = member.stream(null)) {
            Response renamed = admin.api().patch("/api/v1/conversations/" + group, Map.of("title", "Book club"));
            assertThat(renamed.json().get("title").asText()).isEqualTo("Book club");
            memberStream.awaitEvent("conversation.updated", e -> e.at("/data/title").asText().equals("Book club"));
        }
        assertThat(admin.api().delete("/api/v1/conversations/" + group + "/members/" + owner.id()).code()).isEqualTo("not_allowed");

        User newcomer = server.register("newcomer");
        server.befriend(admin, newcomer);
        owner.send(group, "before", "said before the newcomer joined");
        Response added = admin.api().post("/api/v1/conversations/" + group + "/members", Map.of("members", List.of(newcomer.id())));
        assertThat(added.json().get("members")).hasSize(4);
        assertThat(newcomer.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages"))
                .as("new members see what is said after they join").isEmpty();
        owner.send(group, "after", "welcome");
        assertThat(newcomer.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages")).hasSize(1);

        User fifth = server.register("fifth");
        server.befriend(owner, fifth);
        assertThat(owner.api().post("/api/v1/conversations/" + group + "/members", Map.of("members", List.of(fifth.id()))).code())
                .isEqualTo("group_full");

        try (StreamClient removedStream = member.stream(null)) {
            assertThat(admin.api().delete("/api/v1/conversations/" + group + "/members/" + member.id()).status()).isEqualTo(204);
            removedStream.awaitEvent("conversation.removed", e -> e.at("/data/conversationId").asLong() == group);
        }
        assertThat(member.api().get("/api/v1/conversations/" + group + "/messages").status()).isEqualTo(404);
        assertThat(member.send(group, "x", "still here?").status()).isEqualTo(404);
    }

    @Test
    void whenTheOwnerLeavesAnAdminTakesOver() {
        long group = server.group(owner, List.of(admin, member));
        owner.api().put("/api/v1/conversations/" + group + "/members/" + admin.id() + "/role", Map.of("role", "admin"));
        assertThat(owner.api().post("/api/v1/conversations/" + group + "/leave", Map.of()).status()).isEqualTo(204);
        JsonNode view = member.api().get("/api/v1/conversations/" + group).json();
        assertThat(roleOf(view, admin)).isEqualTo("owner");
        assertThat(roleOf(view, owner)).isEqualTo("none");
        assertThat(owner.api().get("/api/v1/conversations").json()).isEmpty();
    }

    @Test
    void onlyContactsCanBeAddedAndDirectChatsStayDirect() {
        User stranger = server.register("stranger");
        Response refused = owner.api().post("/api/v1/conversations",
                Map.of("type", "group", "members", List.of(stranger.id())));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("not_a_contact");
        assertThat(owner.api().post("/api/v1/conversations", Map.of("type", "direct", "members", List.of(stranger.id()))).code())
                .isEqualTo("not_a_contact");

        server.befriend(owner, member);
        Response first = owner.api().post("/api/v1/conversations", Map.of("type", "direct", "members", List.of(member.id())));
        Response second = member.api().post("/api/v1/conversations", Map.of("type", "direct", "members", List.of(owner.id())));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).as("one direct chat per pair").isEqualTo(200);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(owner.api().post("/api/v1/conversations/" + first.id() + "/leave", Map.of()).code()).isEqualTo("cannot_leave_direct");
        assertThat(owner.api().patch("/api/v1/conversations/" + first.id(), Map.of("title", "x")).code()).isEqualTo("not_a_group");
        assertThat(owner.api().post("/api/v1/conversations", Map.of("type", "direct", "members", List.of(member.id(), admin.id()))).code())
                .isEqualTo("invalid_members");
        assertThat(owner.api().post("/api/v1/conversations", Map.of("type", "channel", "members", List.of())).code())
                .isEqualTo("invalid_field");
        assertThat(owner.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(), "title", "x".repeat(101))).code())
                .isEqualTo("invalid_title");
    }
}
