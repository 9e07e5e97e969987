package org.stoa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stoa.server.limits.Limit;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.config.ConfigLoader;
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
        assertThat(run("serve", "--version").out()).isEqualTo(version.out());
        Run serveHelp = run("serve", "--help");
        assertThat(serveHelp.out()).contains("STOA_SERVER_PORT").contains("data.dir");
        assertThat(ConfigLoader.settings()).extracting(ConfigLoader.Setting::key).as("every limiter is a setting")
                .containsAll(java.util.Arrays.stream(Limit.values()).map(Limit::settingKey).toList());
    }

    @Test
    void serveHelpListsEverySettingWithItsVariableThenItsMeaningAndDefaultIndentedUnderIt() {
        String help = run("serve", "--help").out();
        for (ConfigLoader.Setting s : ConfigLoader.settings()) {
            String meaning = s.help() + (s.defaultValue().isEmpty() ? "" : "; default " + s.defaultValue());
            assertThat(help).as(s.key()).containsPattern("(?m)^  " + Pattern.quote(s.key()) + " +" + s.envName() + "\\R"
                    + " {6}" + Pattern.quote(meaning.substring(0, Math.min(meaning.length(), 40))));
        }
        assertThat(help).contains("limits.reportsPerAccount").contains("STOA_LIMITS_REPORTS_PER_ACCOUNT");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80).doesNotStartWith("default"));
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
