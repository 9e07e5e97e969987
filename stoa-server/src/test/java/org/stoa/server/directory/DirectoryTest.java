package org.stoa.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

class DirectoryTest {

    @TempDir
    Path dir;
    TestServer server;
    User me;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        me = server.register("seeker");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response find(String kind, String query) {
        return me.api().get("/api/v1/directory/" + kind + "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private List<Long> ids(String kind, String query) {
        Response r = find(kind, query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().get("results").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    @Test
    void accountsAreFoundByThePrefixAndWordsOfTheirNames() {
        User lei = server.register("lilei");
        User meimei = server.register("hanmeimei");
        assertThat(lei.api().patch("/api/v1/me/profile", Map.of("displayName", "李雷 Lightning")).status()).isEqualTo(200);
        assertThat(meimei.api().patch("/api/v1/me/profile", Map.of("displayName", "韩梅梅 Zoë")).status()).isEqualTo(200);

        assertThat(ids("accounts", "lile")).as("a username's prefix").containsExactly(lei.id());
        assertThat(ids("accounts", lei.username())).as("the exact username").first().isEqualTo(lei.id());
        assertThat(ids("accounts", "LIGHT")).as("a word of the display name, any case").containsExactly(lei.id());
        assertThat(ids("accounts", "zoe")).as("accents folded").containsExactly(meimei.id());
        assertThat(ids("accounts", "李雷")).containsExactly(lei.id());
        assertThat(ids("accounts", "梅梅")).as("inside a Chinese name").containsExactly(meimei.id());
        assertThat(ids("accounts", "韓")).as("Traditional for Simplified").containsExactly(meimei.id());
        assertThat(ids("accounts", "han zo")).as("every word").containsExactly(meimei.id());
        assertThat(ids("accounts", "han light")).isEmpty();

        lei.api().patch("/api/v1/me/profile", Map.of("displayName", "Thunder"));
        assertThat(ids("accounts", "lightning")).as("the old name is gone").isEmpty();
        assertThat(ids("accounts", "thunder")).containsExactly(lei.id());
        assertThat(lei.api().sendJson("DELETE", "/api/v1/me", Map.of("password", "password-" + lei.username())).status())
                .isEqualTo(204);
        assertThat(ids("accounts", "thunder")).as("deleted accounts are not listed").isEmpty();
    }

    @Test
    void onlyPublicGroupsAreListedByTheirTitles() {
        User owner = server.register("owner");
        long hiking = owner.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(),
                "title", "Hiking 北京 Hikers", "visibility", "public")).id();
        long hidden = owner.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(),
                "title", "Hiking secrets")).id();
        assertThat(ids("groups", "hik")).containsExactly(hiking);
        assertThat(ids("groups", "北京")).containsExactly(hiking);
        Response entry = find("groups", "hiking");
        assertThat(entry.json().at("/results/0/title").asText()).isEqualTo("Hiking 北京 Hikers");
        assertThat(entry.json().at("/results/0/memberCount").asInt()).isEqualTo(1);
        assertThat(entry.json().at("/results/0/member").asBoolean()).isFalse();

        owner.api().patch("/api/v1/conversations/" + hiking, Map.of("title", "Walking club"));
        assertThat(ids("groups", "hiking")).as("renamed").isEmpty();
        assertThat(ids("groups", "walk")).containsExactly(hiking);
        owner.api().patch("/api/v1/conversations/" + hidden, Map.of("visibility", "public"));
        assertThat(ids("groups", "secrets")).containsExactly(hidden);
        owner.api().patch("/api/v1/conversations/" + hidden, Map.of("visibility", "private"));
        assertThat(ids("groups", "secrets")).isEmpty();
    }

    @Test
    void hostileQueriesGetClearProblems() {
        for (String kind : List.of("accounts", "groups")) {
            String base = "/api/v1/directory/" + kind;
            assertThat(me.api().get(base).code()).isEqualTo("missing_query");
            assertThat(me.api().get(base + "?q=").code()).isEqualTo("missing_query");
            assertThat(find(kind, "x".repeat(10 * 1024)).status()).isEqualTo(414);
            assertThat(find(kind, "y".repeat(300)).code()).isEqualTo("query_too_long");
            assertThat(find(kind, "%").code()).isEqualTo("invalid_query");
            assertThat(find(kind, "_").code()).isEqualTo("invalid_query");
            assertThat(me.api().get(base + "?q=a%00").code()).isEqualTo("invalid_query");
            assertThat(ids(kind, "se%")).as("% is no wildcard").allMatch(id -> kind.equals("accounts") ? id == me.id() : true);
            assertThat(ids(kind, "'; DROP TABLE accounts; --")).isEmpty();
            assertThat(find(kind, "\u0007\u001b").code()).as("control characters only").isEqualTo("invalid_query");
            assertThat(ids(kind, "zz\u0007\u001b[31m")).isEmpty();
            assertThat(me.api().get(base + "?q=a&limit=0").code()).isEqualTo("invalid_limit");
            assertThat(me.api().get(base + "?q=a&limit=99").code()).isEqualTo("invalid_limit");
            assertThat(server.anonymous().get(base + "?q=a").status()).isEqualTo(401);
        }
    }

    @Test
    void directorySearchesAreLimitedPerAccount() {
        try (TestServer limited = new TestServer(dir.resolve("limited"), Map.of("limits.directorySearchesPerAccount", "1/1m"))) {
            User carol = limited.register("carol");
            assertThat(carol.api().get("/api/v1/directory/accounts?q=a").status()).isEqualTo(200);
            Response second = carol.api().get("/api/v1/directory/groups?q=a");
            assertThat(second.code()).isEqualTo("rate_limited");
            assertThat(second.json().get("limiter").asText()).isEqualTo("directorySearchesPerAccount");
        }
    }
}
