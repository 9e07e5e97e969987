package org.stoa.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server the tests talk to over HTTP: one in this JVM ({@link TestServer}) or the shipped
 * launcher in a process of its own ({@link LaunchedServer}). What a user does goes through the API,
 * the same way for both.
 */
public interface RunningServer {

    int port();

    default Api anonymous() {
        return new Api(port(), null);
    }

    /** Re-points a user at the current port (after a restart), keeping the token. */
    default User current(User u) {
        return new User(u.id(), u.username(), u.token(), new Api(port(), u.token()));
    }

    /** The password {@link #register} gives an account, for logging in through a page. */
    static String passwordOf(String username) {
        return "password-" + username;
    }

    /** Registers {@code prefix} plus a number unique in this test run, and logs it in. */
    default User register(String prefix) {
        String name = uniqueName(prefix);
        Response created = anonymous().post("/api/v1/accounts", Map.of("username", name, "password", passwordOf(name)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return logIn(name, passwordOf(name));
    }

    /** {@code prefix} plus a number unique in this test run. */
    default String uniqueName(String prefix) {
        return (prefix + Names.NEXT.incrementAndGet()).toLowerCase();
    }

    default User logIn(String username, String password) {
        Response session = anonymous().post("/api/v1/sessions", Map.of("username", username, "password", password));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String token = session.json().get("token").asText();
        return new User(session.json().get("accountId").asLong(), username, token, new Api(port(), token));
    }

    /** Makes {@code a} and {@code b} contacts through the real request/accept flow. */
    default void befriend(User a, User b) {
        Response req = a.api().post("/api/v1/contacts/requests", Map.of("username", b.username()));
        assertThat(req.status()).as(req.toString()).isEqualTo(201);
        Response acc = b.api().post("/api/v1/contacts/requests/" + req.id() + "/accept", Map.of());
        assertThat(acc.status()).as(acc.toString()).isEqualTo(200);
    }

    default long direct(User a, User b) {
        Response r = a.api().post("/api/v1/conversations", Map.of("type", "direct", "members", List.of(b.id())));
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r.id();
    }

    /** A group owned by {@code owner} with {@code members}, all befriended to the owner first. */
    default long group(User owner, List<User> members) {
        for (User m : members) befriend(owner, m);
        Response r = owner.api().post("/api/v1/conversations",
                Map.of("type", "group", "title", "test group", "members", members.stream().map(User::id).toList()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    /** Usernames unique across every server a test run starts. */
    final class Names {
        private static final AtomicInteger NEXT = new AtomicInteger();

        private Names() {}
    }
}
