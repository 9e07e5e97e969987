package org.stoa.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stoa.engine.review.ContentReview;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.config.StoaConfig;

/** A real server on a random port over a temporary data folder, restartable on the same data. */
public final class TestServer implements AutoCloseable {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Path dataDir;
    private final MutableClock clock = new MutableClock();
    private final ContentReview review;
    private final Map<String, String> settings;
    private StoaServer server;
    private int port;

    /** A server running the bundled sample policy. */
    public TestServer(Path dataDir) {
        this(dataDir, null, Map.of());
    }

    /** {@code review} replaces the policy's review when not null. */
    public TestServer(Path dataDir, ContentReview review, Map<String, String> extraSettings) {
        this.dataDir = dataDir;
        this.review = review;
        this.settings = new HashMap<>(Map.of(
                "server.port", "0",
                "server.host", "127.0.0.1",
                "data.dir", dataDir.toString(),
                "limits.accountsPerAddress", "100000/1h",
                "limits.loginFailuresPerAddress", "100000/1h"));
        this.settings.putAll(extraSettings);
        start();
    }

    private void start() {
        StoaConfig config = ConfigLoader.fromMap(settings);
        server = StoaServer.start(config, clock, review);
        port = server.port();
    }

    /** Stops gracefully and starts again on the same data folder (a new port). */
    public void restart() {
        server.close();
        start();
    }

    public int port() {
        return port;
    }

    public List<String> routes() {
        return server.routes();
    }

    public MutableClock clock() {
        return clock;
    }

    public Api anonymous() {
        return new Api(port, null);
    }

    /** Re-points a user at the current port (after a restart), keeping the token. */
    public User current(User u) {
        return new User(u.id(), u.username(), u.token(), new Api(port, u.token()));
    }

    /** The password {@link #register} gives an account, for logging in through a page. */
    public static String passwordOf(String username) {
        return "password-" + username;
    }

    public User register(String prefix) {
        String name = (prefix + NAMES.incrementAndGet()).toLowerCase();
        String password = passwordOf(name);
        Response created = anonymous().post("/api/v1/accounts", Map.of("username", name, "password", password));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response session = anonymous().post("/api/v1/sessions", Map.of("username", name, "password", password));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String token = session.json().get("token").asText();
        return new User(created.id(), name, token, new Api(port, token));
    }

    /** A registered account with a role (moderator or admin). */
    public User registerWith(String prefix, org.stoa.server.accounts.Role role) {
        User u = register(prefix);
        server.accounts().setRole(u.id(), role);
        return u;
    }

    /** Makes {@code a} and {@code b} contacts through the real request/accept flow. */
    public void befriend(User a, User b) {
        Response req = a.api().post("/api/v1/contacts/requests", Map.of("username", b.username()));
        assertThat(req.status()).as(req.toString()).isEqualTo(201);
        Response acc = b.api().post("/api/v1/contacts/requests/" + req.id() + "/accept", Map.of());
        assertThat(acc.status()).as(acc.toString()).isEqualTo(200);
    }

    public long direct(User a, User b) {
        Response r = a.api().post("/api/v1/conversations", Map.of("type", "direct", "members", List.of(b.id())));
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.id();
    }

    /** A group owned by {@code owner} with {@code members}, all befriended to the owner first. */
    public long group(User owner, List<User> members) {
        for (User m : members) befriend(owner, m);
        Response r = owner.api().post("/api/v1/conversations",
                Map.of("type", "group", "title", "test group", "members", members.stream().map(User::id).toList()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    @Override
    public void close() {
        server.close();
    }
}
