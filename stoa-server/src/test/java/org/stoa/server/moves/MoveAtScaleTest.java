package org.stoa.server.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.stoa.server.moves.MovesTest.move;
import static org.stoa.server.moves.MovesTest.nameAlias;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.PasswordHasher;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * The scale: an account with 1,400 contacts, each on a live stream, moves, and every one of
 * them has its card within 10 seconds. The contacts are written into the database while the server
 * is stopped, as registration and accepted requests would leave them (registering 1,400 accounts
 * through the API costs an Argon2 hash each: minutes on this machine); the move and the delivery are
 * the real thing. Prints the time, for docs/performance.md.
 */
class MoveAtScaleTest {

    static final int CONTACTS = 1_400;
    static final Duration TARGET = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void fourteenHundredContactsEachGetTheirMoveCardWithinTenSeconds() throws Exception {
        // Here every contact's stream comes from this one address, past the default limit per address.
        try (TestServer server = new TestServer(dir, Map.of("limits.webSocketsPerAddress", "5000"))) {
            User registered = server.register("alice");
            User alice2 = server.register("alicenew");
            nameAlias(alice2, registered.username());
            List<String> tokens = new ArrayList<>();
            server.whileStopped(() -> tokens.addAll(seedContacts(server, registered.id(), CONTACTS)));
            User alice = server.current(registered);

            HttpClient http = HttpClient.newHttpClient();
            CountDownLatch ready = new CountDownLatch(CONTACTS);
            CountDownLatch carded = new CountDownLatch(CONTACTS);
            AtomicLong lastCard = new AtomicLong();
            List<WebSocket> sockets = new ArrayList<>();
            for (int from = 0; from < CONTACTS; from += 100) { // a hundred upgrades at a time
                List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
                for (String token : tokens.subList(from, Math.min(CONTACTS, from + 100))) {
                    opening.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                            .buildAsync(URI.create("ws://localhost:" + server.port() + "/api/v1/stream"),
                                    new CardListener(alice.username(), ready, carded, lastCard)));
                }
                for (CompletableFuture<WebSocket> f : opening) sockets.add(f.get(60, TimeUnit.SECONDS));
            }
            try {
                assertThat(ready.await(120, TimeUnit.SECONDS)).as("every contact's stream is live").isTrue();

                long start = System.nanoTime();
                Response moved = move(alice, alice2.username());
                long answered = System.nanoTime();
                assertThat(moved.status()).as(moved.toString()).isEqualTo(202);
                assertThat(moved.json().get("pending").asInt()).isEqualTo(CONTACTS);
                await().atMost(TARGET.multipliedBy(3)).until(() -> carded.getCount() == 0);
                Duration delivered = Duration.ofNanos(lastCard.get() - start);
                System.out.printf("move to %d contacts: 202 after %d ms, every card delivered after %d ms%n", CONTACTS,
                        Duration.ofNanos(answered - start).toMillis(), delivered.toMillis());
                assertThat(delivered).isLessThan(TARGET);
            } finally {
                sockets.forEach(WebSocket::abort);
            }
            assertThat(alice.api().get("/api/v1/me/move").json().get("pending").asInt()).isEqualTo(CONTACTS);
        }
    }

    /**
     * Writes {@code n} accounts, each a contact of {@code accountId} with a live login session, into
     * the stopped server's database; answers their bearer tokens.
     */
    private static List<String> seedContacts(TestServer server, long accountId, int n) {
        String passwordHash = new PasswordHasher().hash("a password nobody uses to log in");
        long now = server.clock().millis();
        SecureRandom random = new SecureRandom();
        List<String> tokens = new ArrayList<>(n);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("stoa.db"))) {
            db.setAutoCommit(false);
            try (PreparedStatement account = db.prepareStatement(
                    "INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?, ?, 'user', ?) RETURNING id");
                 PreparedStatement session = db.prepareStatement(
                         "INSERT INTO sessions (account_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)");
                 PreparedStatement contact = db.prepareStatement(
                         "INSERT INTO contacts (account_id, contact_id, created_at) VALUES (?, ?, ?), (?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    account.setString(1, "contact" + i);
                    account.setString(2, passwordHash);
                    account.setLong(3, now);
                    long id;
                    try (var rs = account.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    byte[] raw = new byte[32];
                    random.nextBytes(raw);
                    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                    session.setLong(1, id);
                    session.setString(2, HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
                    session.setLong(3, now);
                    session.setLong(4, now + Duration.ofDays(1).toMillis());
                    session.executeUpdate();
                    contact.setLong(1, accountId);
                    contact.setLong(2, id);
                    contact.setLong(3, now);
                    contact.setLong(4, id);
                    contact.setLong(5, accountId);
                    contact.setLong(6, now);
                    contact.executeUpdate();
                    tokens.add(token);
                }
            }
            db.commit();
        } catch (SQLException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return tokens;
    }

    /** Counts a stream as ready at {@code stream.ready} and notes when its card from {@code mover} arrives. */
    private static final class CardListener implements WebSocket.Listener {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final String mover;
        private final CountDownLatch ready;
        private final CountDownLatch carded;
        private final AtomicLong lastCard;
        private final StringBuilder partial = new StringBuilder();
        private boolean sawCard;

        CardListener(String mover, CountDownLatch ready, CountDownLatch carded, AtomicLong lastCard) {
            this.mover = mover;
            this.ready = ready;
            this.carded = carded;
            this.lastCard = lastCard;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long at = System.nanoTime();
                try {
                    JsonNode frame = JSON.readTree(partial.toString());
                    String type = frame.path("type").asText();
                    if (type.equals("stream.ready")) ready.countDown();
                    if (type.equals("contact.moved") && !sawCard && frame.at("/data/from/username").asText().equals(mover)) {
                        sawCard = true;
                        lastCard.accumulateAndGet(at, Math::max);
                        carded.countDown();
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
