package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.LaunchedServer.CommandResult;
import org.stoa.server.support.Response;
import org.stoa.server.support.RunningServer;
import org.stoa.server.support.User;

/**
 * Taking one's data along on {@code ./stoa serve}: an account banned by an admin made with
 * {@code ./stoa admin create-user} logs in, exports, downloads the archive, and {@code ./stoa export
 * verify} accepts it, and refuses a copy with one byte changed.
 */
class ServeExportIT {

    @TempDir
    Path folder;

    @Test
    void aBannedAccountExportsAndStoaExportVerifyAcceptsTheArchiveAndRefusesAChangedCopy() throws Exception {
        try (LaunchedServer server = LaunchedServer.start(folder.resolve("server"), "")) {
            User admin = server.staff("chief", "admin");
            User member = server.register("member");
            User friend = server.register("friend");
            long group = server.group(member, List.of(friend));
            assertThat(member.send(group, "e1", "the minutes of tuesday's meeting").status()).isEqualTo(201);
            assertThat(friend.send(group, "e2", "thanks, all noted").status()).isEqualTo(201);
            Response ban = admin.api().post("/api/v1/moderation/accounts/" + member.id() + "/sanctions",
                    Map.of("kind", "ban", "reason", "Repeated scam links to group members"));
            assertThat(ban.status()).as(ban.toString()).isEqualTo(201);

            User banned = server.logIn(member.username(), RunningServer.passwordOf(member.username()));
            assertThat(banned.send(group, "e3", "may I?").code()).isEqualTo("account_restricted");
            Response asked = banned.api().post("/api/v1/me/exports", Map.of());
            assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
            assertThat(asked.json().get("status").asText()).isEqualTo("preparing");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    !banned.api().get("/api/v1/me/exports/" + asked.id()).json().get("status").asText().equals("preparing"));
            JsonNode ready = banned.api().get("/api/v1/me/exports/" + asked.id()).json();
            assertThat(ready.get("status").asText()).as(ready.toString()).isEqualTo("ready");

            Response archive = banned.api().get("/api/v1/me/exports/" + asked.id() + "/archive");
            assertThat(archive.status()).isEqualTo(200);
            assertThat(archive.contentType()).isEqualTo("application/zip");
            Path file = folder.resolve("export.zip");
            Files.write(file, archive.raw());

            CommandResult ok = server.stoa("", "export", "verify", file.toString());
            assertThat(ok.exitCode()).as(ok.output()).isZero();
            assertThat(ok.output()).contains("OK: ").contains("'" + member.username() + "'");
            CommandResult trusted = server.stoa("", "export", "verify", file.toString(), "--server", "http://localhost:" + server.port());
            assertThat(trusted.exitCode()).as(trusted.output()).isZero();

            byte[] bytes = archive.raw();
            for (int at : new int[] {0, bytes.length / 2, bytes.length - 1}) {
                byte[] copy = bytes.clone();
                copy[at] ^= 0x20;
                Path changed = folder.resolve("changed-" + at + ".zip");
                Files.write(changed, copy);
                CommandResult refused = server.stoa("", "export", "verify", changed.toString());
                assertThat(refused.exitCode()).as("byte " + at + ": " + refused.output()).isEqualTo(1);
                assertThat(refused.output()).contains("FAILED");
            }
        }
    }
}
