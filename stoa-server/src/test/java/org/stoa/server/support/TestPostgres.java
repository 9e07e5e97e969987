package org.stoa.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from the system's binaries (Debian's {@code postgresql}
 * package, which {@code .ci/run} installs): initialised in a temporary folder and started on a free
 * port once per test JVM, stopped when the JVM ends. Each {@link #newDatabase()} is a new empty
 * database on it. Without PostgreSQL installed, tests that need it fail, saying what to install.
 *
 * <p>{@code -Dstoa.test.storage=postgresql} (the Maven profile {@code postgresql}, and the
 * {@code api-on-postgresql} run of the default build) makes every {@link TestServer} and
 * {@link LaunchedServer} use a database here instead of SQLite.
 */
public final class TestPostgres {

    /** Percent-encoded in URLs: a password with characters that need it proves they are decoded. */
    private static final String PASSWORD = "test pass@1";
    private static final String USER = "stoa";

    private static final AtomicInteger databases = new AtomicInteger();
    private static volatile TestPostgres server;

    private final int port;

    private TestPostgres(int port) {
        this.port = port;
    }

    /** Whether this test run asked for every server to store its data in PostgreSQL. */
    public static boolean requested() {
        return System.getProperty("stoa.test.storage", "sqlite").equalsIgnoreCase("postgresql");
    }

    /** A new, empty database: its {@code storage.url}, password included. */
    public static String newDatabase() {
        TestPostgres pg = server();
        String name = "stoa_" + databases.incrementAndGet();
        try (Connection c = pg.connectTo("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return "postgresql://" + USER + ":" + PASSWORD.replace(" ", "%20").replace("@", "%40") + "@127.0.0.1:"
                + pg.port + "/" + name;
    }

    /** A connection to {@code database} on the test server, for tests that look at what was stored. */
    public static Connection connect(String storageUrl) throws SQLException {
        return server().connectTo(storageUrl.substring(storageUrl.lastIndexOf('/') + 1));
    }

    private Connection connectTo(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, PASSWORD);
    }

    private static TestPostgres server() {
        TestPostgres s = server;
        if (s != null) return s;
        synchronized (TestPostgres.class) {
            if (server == null) server = start();
            return server;
        }
    }

    private static TestPostgres start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("stoa-pg");
            Optional<String> runAs = runAsUser(dir);
            Path pwfile = dir.resolve("pw");
            Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
            runAs.ifPresent(u -> chown(pwfile, u));
            Path data = dir.resolve("data");
            run(runAs, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
            int port = freePort();
            // Durability is not under test here, speed is: no fsync. deadlock_timeout is short so that
            // tests of two writers see PostgreSQL break a deadlock quickly.
            String options = "-p " + port + " -h 127.0.0.1 -k '' -c fsync=off -c synchronous_commit=off"
                    + " -c full_page_writes=off -c max_connections=500 -c deadlock_timeout=100ms";
            List<String> ctl = List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString());
            run(runAs, concat(ctl, "-l", dir.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(runAs, concat(ctl, "-m", "immediate", "-w", "stop"));
                } finally {
                    deleteTree(dir);
                }
            }));
            return new TestPostgres(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test PostgreSQL server", e);
        }
    }

    /** The newest installed PostgreSQL's programs, found where Debian puts them or on the PATH. */
    private static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.map(v -> v.resolve("bin"))
                    .sorted(Comparator.comparingInt((Path b) -> majorVersion(b.getParent())).reversed())
                    .forEach(candidates::add);
        } catch (IOException e) {
            // not Debian's layout; try the PATH
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) candidates.add(Path.of(dir));
        }
        return candidates.stream()
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed: tests on PostgreSQL need its"
                        + " initdb and pg_ctl (Debian: apt-get install postgresql; .ci/run installs it)"));
    }

    private static int majorVersion(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * PostgreSQL refuses to run as root: as root, its programs run as the {@code postgres} account
     * the package made, which must own the folder.
     */
    private static Optional<String> runAsUser(Path dir) {
        if (!"root".equals(System.getProperty("user.name"))) return Optional.empty();
        chown(dir, "postgres");
        return Optional.of("postgres");
    }

    private static void chown(Path path, String user) {
        try {
            Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL will not run as root and there is no '" + user
                    + "' account to run it as (Debian's postgresql package makes one)", e);
        }
    }

    private static void run(Optional<String> runAs, List<String> command) {
        List<String> full = new ArrayList<>();
        runAs.ifPresent(u -> full.addAll(List.of("runuser", "-u", u, "--")));
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", full));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", full) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system clears it eventually
        }
    }
}
