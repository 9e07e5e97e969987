package org.stoa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoa.server.support.LaunchedServer;

/**
 * The shipped {@code ./stoa} launcher, run after {@code package} built the jar it starts: help and
 * version print exactly what the command line renders, and not one line of JVM warnings (the
 * launcher's JVM options, such as huge pages, must suit the machine it runs on).
 */
class StoaLauncherIT {

    record Run(int exit, String out, String err) {}

    @ParameterizedTest
    @ValueSource(strings = {"--help", "serve --help", "help serve", "admin --help", "scan --help", "hash --help",
            "match --help", "ocr --help"})
    void helpIsExactlyTheUsageWithNoWarnings(String args) throws Exception {
        Run run = launch(args.split(" "));
        assertThat(run.err()).as("standard error").isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(usage(args.split(" ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "serve --version", "admin create-user --version"})
    void versionPrintsOnlyTheVersion(String args) throws Exception {
        Run run = launch(args.split(" "));
        assertThat(run.err()).as("standard error").isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("stoa ").contains("Java ");
    }

    /** What the command line itself prints for {@code args}, in this JVM. */
    private static String usage(String... args) {
        StringWriter out = new StringWriter();
        var cli = StoaCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.execute(args);
        return out.toString();
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        Path launcher = LaunchedServer.repositoryRoot().resolve("stoa");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
