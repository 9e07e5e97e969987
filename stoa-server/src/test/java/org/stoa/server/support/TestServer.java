package org.stoa.server.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stoa.engine.review.ContentReview;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.config.StoaConfig;

/** A real server on a random port over a temporary data folder, restartable on the same data. */
public final class TestServer implements RunningServer, AutoCloseable {

    private final Path dataDir;
    private final MutableClock clock = new MutableClock();
    private final Optional<ContentReview> review;
    private final Map<String, String> settings;
    private StoaServer server;
    private int port;

    /** Settings for a test that sends faster than a person can, on purpose: no message limits. */
    public static final Map<String, String> MESSAGE_FLOOD = Map.of(
            "limits.messagesPerAccountBurst", "1000000/1s", "limits.messagesPerAccountSustained", "1000000/1s");

    /** A server running the bundled sample policy. */
    public TestServer(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** A server running the bundled sample policy with extra settings. */
    public TestServer(Path dataDir, Map<String, String> extraSettings) {
        this(dataDir, Optional.empty(), extraSettings);
    }

    /** A server whose every send is reviewed by {@code review} instead of the policy (tests of the review seam). */
    public static TestServer replacingReview(Path dataDir, ContentReview review) {
        return new TestServer(dataDir, Optional.of(review), Map.of());
    }

    private TestServer(Path dataDir, Optional<ContentReview> review, Map<String, String> extraSettings) {
        this.dataDir = dataDir;
        this.review = review;
        this.settings = new HashMap<>(Map.of(
                "server.port", "0",
                "server.host", "127.0.0.1",
                "data.dir", dataDir.toString(),
                "limits.accountsPerAddress", "100000/1h"));
        this.settings.putAll(extraSettings);
        start();
    }

    private void start() {
        StoaConfig config = ConfigLoader.fromMap(settings);
        server = review.map(r -> StoaServer.startReplacingReview(config, clock, r))
                .orElseGet(() -> StoaServer.start(config, clock));
        port = server.port();
    }

    /** Stops gracefully and starts again on the same data folder (a new port). */
    public void restart() {
        whileStopped(() -> {});
    }

    /** Stops gracefully, runs {@code change} on the data folder (as an operator or a crash would), and starts again. */
    public void whileStopped(Runnable change) {
        server.close();
        change.run();
        start();
    }

    @Override
    public int port() {
        return port;
    }

    public List<String> routes() {
        return server.routes();
    }

    /** The server's accounts, for what the server does by itself (a ban, a deletion) rather than through the API. */
    public org.stoa.server.accounts.AccountManager accounts() {
        return server.accounts();
    }

    /** Prunes stream events older than {@code events.retention} now, as the server does hourly. */
    public int pruneExpiredEvents() {
        return server.pruneExpiredEvents();
    }

    public Path dataDir() {
        return dataDir;
    }

    public MutableClock clock() {
        return clock;
    }

    /** An account with a role (moderator or admin), made the way an operator makes one, and logged in. */
    public User registerWith(String prefix, org.stoa.server.accounts.Role role) {
        String name = uniqueName(prefix);
        server.accounts().create(name, RunningServer.passwordOf(name), role); // as the operator does, reserved names too
        return logIn(name, RunningServer.passwordOf(name));
    }

    @Override
    public void close() {
        server.close();
    }
}
