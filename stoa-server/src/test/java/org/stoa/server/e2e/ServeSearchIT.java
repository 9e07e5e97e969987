package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.Response;
import org.stoa.server.support.User;

/**
 * A public group on {@code ./stoa serve} as people meet it: made public, found in the directory by a
 * stranger (English prefix and Chinese inside the title), joined, its messages searched; and
 * still found after the server restarts, since the index is in the database.
 */
class ServeSearchIT {

    @TempDir
    Path folder;

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aPublicGroupIsFoundJoinedAndItsMessagesSearched() {
        try (LaunchedServer server = LaunchedServer.start(folder, "")) {
            User owner = server.register("owner");
            User stranger = server.register("stranger");
            Response created = owner.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(),
                    "title", "Photography 摄影爱好者", "visibility", "public"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long group = created.id();

            JsonNode found = stranger.api().get("/api/v1/directory/groups?q=" + q("photo")).json();
            assertThat(found.at("/results/0/id").asLong()).isEqualTo(group);
            assertThat(stranger.api().get("/api/v1/directory/groups?q=" + q("爱好")).json().at("/results/0/id").asLong())
                    .isEqualTo(group);
            assertThat(stranger.api().get("/api/v1/directory/accounts?q=" + q(owner.username())).json()
                    .at("/results/0/id").asLong()).isEqualTo(owner.id());

            Response joined = stranger.api().post("/api/v1/conversations/" + group + "/join", Map.of());
            assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
            long message = owner.send(group, "m1", "周末一起去拍照吧 — bring your Nikon lenses").id();
            JsonNode hit = stranger.api().get("/api/v1/search/messages?q=" + q("拍照 nikon")).json().at("/results/0");
            assertThat(hit.at("/message/id").asLong()).isEqualTo(message);
            assertThat(hit.at("/conversation/id").asLong()).isEqualTo(group);
            assertThat(hit.at("/snippet/highlights")).hasSize(2);

            assertThat(server.stopGracefully()).isEqualTo(143);
            server.restart();
            User back = server.current(stranger);
            assertThat(back.api().get("/api/v1/search/messages?q=" + q("lenses")).json().at("/results")).hasSize(1);
        }
    }
}
