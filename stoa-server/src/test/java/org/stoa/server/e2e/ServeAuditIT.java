package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;
import org.stoa.server.support.LaunchedServer.CommandResult;
import org.stoa.server.support.Response;
import org.stoa.server.support.User;

/**
 * The audit log and the transparency report on {@code ./stoa serve} as an operator meets them:
 * moderation work through the API, {@code ./stoa admin verify-audit} in the server's folder while
 * it runs and after it stopped, then one row of the SQLite file changed by hand and named by the
 * command; the public report and the admin's statements of reasons count the same decisions.
 */
class ServeAuditIT {

    @TempDir
    Path folder;

    @Test
    void verifyAuditFindsTheChainIntactThenNamesTheEntryEditedInTheDatabase() throws Exception {
        try (LaunchedServer server = LaunchedServer.start(folder, "")) {
            User admin = server.staff("chief", "admin");
            User sender = server.register("sender");
            User friend = server.register("friend");
            server.befriend(sender, friend);
            long chat = server.direct(sender, friend);
            assertThat(sender.send(chat, "a", "best online casino, free spins tonight").status()).isEqualTo(422);
            Response rude = sender.send(chat, "b", "you are all idiots");
            assertThat(rude.status()).isEqualTo(201);
            assertThat(friend.api().post("/api/v1/reports", Map.of("messageId", rude.id(), "reason", "insults")).status()).isEqualTo(201);
            assertThat(admin.api().post("/api/v1/moderation/messages/" + rude.id() + "/remove",
                    Map.of("reason", "insults break the house rules")).status()).isEqualTo(200);

            CommandResult running = server.stoa("", "admin", "verify-audit");
            assertThat(running.exitCode()).as(running.output()).isZero();
            assertThat(running.output()).contains("audit log intact: ");

            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String period = "?from=" + today + "&to=" + today;
            Response report = server.anonymous().get("/api/v1/transparency/report" + period);
            assertThat(report.status()).as(report.toString()).isEqualTo(200);
            assertThat(report.json().at("/decisions/total").asLong()).isEqualTo(2);
            assertThat(report.json().at("/reports/actedOn").asLong()).isEqualTo(1);
            Response statements = admin.api().get("/api/v1/transparency/statements" + period);
            assertThat(new String(statements.raw(), StandardCharsets.UTF_8).lines()).hasSize(2);

            assertThat(server.stopGracefully()).isEqualTo(143);
            CommandResult stopped = server.stoa("", "admin", "verify-audit");
            assertThat(stopped.exitCode()).as(stopped.output()).isZero();

            long edited;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("data/stoa.db"));
                 ResultSet rs = c.createStatement().executeQuery("SELECT id FROM audit_log WHERE action = 'report.created'")) {
                assertThat(rs.next()).isTrue();
                edited = rs.getLong(1);
                c.createStatement().executeUpdate("UPDATE audit_log SET details = 'nobody reported anything' WHERE id = " + edited);
            }
            CommandResult broken = server.stoa("", "admin", "verify-audit");
            assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
            assertThat(broken.output()).contains("audit log broken at entry " + edited + " (report.created at ")
                    .contains("its content does not match its hash");
        }
    }
}
