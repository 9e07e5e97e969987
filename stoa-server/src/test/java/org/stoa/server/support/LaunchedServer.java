package org.stoa.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped server as people run it: {@code ./stoa serve} in a folder of its own, a separate
 * process with its own port and data folder, configured by a {@code stoa.yaml} there. Nothing of
 * the server runs in the test's JVM.
 */
public final class LaunchedServer implements RunningServer, AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving on http://localhost:(\\d+)/");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path folder;
    private final Path log;
    private volatile Process process;
    private Thread outputCopier;
    private volatile int port;

    private final Optional<String> storageUrl;

    private LaunchedServer(Path folder, Optional<String> storageUrl) {
        this.folder = folder;
        this.log = folder.resolve("serve.log");
        this.storageUrl = storageUrl;
    }

    /**
     * Writes {@code stoa.yaml} (a free port, data under {@code ./data} or in a PostgreSQL database
     * when the run asks for it ({@link TestPostgres}), and {@code extraYaml}) in
     * {@code folder} and starts {@code ./stoa serve} there.
     */
    public static LaunchedServer start(Path folder, String extraYaml) {
        return start(folder, """
                server:
                  host: 127.0.0.1
                  port: 0
                """, extraYaml);
    }

    /**
     * The same, on a port chosen now and known to other servers as {@code server.publicAddress}
     * {@code 127.0.0.1:PORT}: for moves between two servers on this machine.
     */
    public static LaunchedServer startPublic(Path folder, String extraYaml) {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(folder, """
                server:
                  host: 127.0.0.1
                  port: %d
                  publicAddress: 127.0.0.1:%d
                """.formatted(port, port), extraYaml);
    }

    /**
     * A node of a cluster: {@code ./stoa serve} on the PostgreSQL database {@code storageUrl}, which
     * other nodes share, with {@code extraYaml} (the bus, the shared media folder).
     */
    public static LaunchedServer startNode(Path folder, String storageUrl, String extraYaml) {
        return start(folder, """
                server:
                  host: 127.0.0.1
                  port: 0
                """, extraYaml, Optional.of(storageUrl));
    }

    private static LaunchedServer start(Path folder, String serverYaml, String extraYaml) {
        return start(folder, serverYaml, extraYaml,
                TestPostgres.requested() ? Optional.of(TestPostgres.newDatabase()) : Optional.empty());
    }

    private static LaunchedServer start(Path folder, String serverYaml, String extraYaml, Optional<String> storageUrl) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("stoa.yaml"), serverYaml + """
                    data:
                      dir: ./data
                    """ + storageUrl.map(url -> "storage:\n  url: \"" + url + "\"\n").orElse("") + extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LaunchedServer server = new LaunchedServer(folder, storageUrl);
        server.launch();
        return server;
    }

    /** Whether the data is in SQLite under {@code ./data} (else in a test PostgreSQL database). */
    public boolean storesInSqlite() {
        return storageUrl.isEmpty();
    }

    /** A connection to this server's database, SQLite or PostgreSQL, for tests that change rows by hand. */
    public Connection connectToDatabase() throws SQLException {
        return storageUrl.isPresent() ? TestPostgres.connect(storageUrl.get())
                : DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("data/stoa.db"));
    }

    /** How other Stoa servers know this one when it was started by {@link #startPublic}. */
    public String publicAddress() {
        return "127.0.0.1:" + port;
    }

    /** The checkout's root: the folder holding the {@code stoa} launcher, above the module. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("stoa")) && Files.isRegularFile(dir.resolve("pom.xml"))) return dir;
        }
        throw new IllegalStateException("no stoa launcher above " + Path.of("").toAbsolutePath());
    }

    private void launch() {
        try {
            process = new ProcessBuilder(repositoryRoot().resolve("stoa").toString(), "serve")
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./stoa serve", e);
        }
        CompletableFuture<Integer> serving = new CompletableFuture<>();
        Process started = process;
        outputCopier = Thread.ofPlatform().daemon().name("stoa-serve-output").start(() -> copyOutput(started, serving));
        try {
            port = serving.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("./stoa serve did not start; its output:\n" + output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Appends the process's output to {@code serve.log} and reports the port once it serves. */
    private void copyOutput(Process p, CompletableFuture<Integer> serving) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write(line);
                out.write('\n');
                out.flush();
                Matcher m = SERVING.matcher(line);
                if (m.find()) serving.complete(Integer.parseInt(m.group(1)));
            }
        } catch (IOException e) {
            serving.completeExceptionally(e);
        }
        serving.completeExceptionally(new IllegalStateException("./stoa serve exited"));
    }

    @Override
    public int port() {
        return port;
    }

    public Path folder() {
        return folder;
    }

    /** Everything the server has printed so far, across restarts. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a staff account the way an operator does, {@code ./stoa admin create-user NAME --role
     * ROLE --password-stdin} in the server's folder while it runs, and logs it in.
     */
    public User staff(String prefix, String role) {
        String name = prefix + System.nanoTime() % 1_000_000;
        String password = RunningServer.passwordOf(name);
        CommandResult r = stoa(password + "\n", "admin", "create-user", name, "--role", role, "--password-stdin");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("created '" + name + "'");
        return logIn(name, password);
    }

    public record CommandResult(int exitCode, String output) {}

    /** Runs another {@code ./stoa} command in the server's folder, with {@code input} on its standard input. */
    public CommandResult stoa(String input, String... args) {
        return run(folder, input, args);
    }

    /** Runs {@code ./stoa args} in {@code folder} to its end, with {@code input} on its standard input. */
    public static CommandResult run(Path folder, String input, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repositoryRoot().resolve("stoa").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("./stoa " + String.join(" ", args) + " did not finish:\n" + out);
            }
            return new CommandResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it; returns the exit code once it has stopped. */
    public int stopGracefully() {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./stoa serve did not stop within 60 s of SIGTERM:\n" + output());
            }
            outputCopier.join(10_000); // its last lines are in serve.log once the copier has read to the end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /**
     * {@code kill -9}: the process ends at once, mid-write if it was writing, with no shutdown hook;
     * returns once it is gone.
     */
    public void kill() {
        process.destroyForcibly(); // SIGKILL
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("./stoa serve outlived SIGKILL");
            outputCopier.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's process id (the launcher replaces itself with the JVM). */
    public long pid() {
        return process.pid();
    }

    /** Starts {@code ./stoa serve} again in the same folder, on the same data (a new port). */
    public void restart() {
        if (process.isAlive()) stopGracefully();
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
