package org.stoa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.stoa.server.limits.Limit;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StoaCommandTest {

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = StoaCommand.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(), err + stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(realErr);
        }
    }

    @Test
    void helpListsTheCommandsAndVersionPrintsOne() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("serve");
        Run version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("stoa ");
        Run serveHelp = run("serve", "--help");
        assertThat(serveHelp.out()).contains("STOA_SERVER_PORT").contains("data.dir");
        for (Limit limit : Limit.values()) {
            assertThat(serveHelp.out()).as("every limiter is a setting").contains(limit.settingKey() + " = " + limit.defaultValue() + " ");
        }
    }

    @Test
    void aBadSettingStopsStartUpWithItsName(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("stoa.yaml");
        Files.writeString(config, "server:\n  port: not-a-port\n");
        Run r = run("serve", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("server.port").contains("not-a-port");
    }

    @Test
    void unknownCommandsAreNamed() {
        Run r = run("frobnicate");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("frobnicate");
    }

    @Test
    void adminCreateUserMakesTheFirstAdminAndChangesRoles(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("stoa.yaml");
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\n");
        Run created = run("admin", "create-user", "Boss", "--role", "admin", "--config", config.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("created 'boss'").contains("admin").contains("password");
        Run again = run("admin", "create-user", "boss", "--role", "moderator", "--config", config.toString());
        assertThat(again.out()).contains("now has the role moderator");
        assertThat(run("admin", "create-user", "x", "--role", "king", "--config", config.toString()).exit()).isEqualTo(2);
    }
}
