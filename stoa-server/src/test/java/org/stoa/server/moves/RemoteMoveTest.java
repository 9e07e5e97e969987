package org.stoa.server.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stoa.server.moves.MovesTest.cards;
import static org.stoa.server.moves.MovesTest.move;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * A move to another server, against a stand-in for that server that answers however the test
 * wants, hostile answers included: the move is made only when the other server lists the mover's
 * address as an alias, and a server that answers too much, too late, elsewhere or nonsense is a
 * clear 502, never a hang or a 500. (Two real servers: {@code e2e/ServeMoveIT}.)
 */
class RemoteMoveTest {

    /** How the stand-in answers {@code GET /.well-known/stoa/aliases/{name}}. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @TempDir
    Path dir;
    HttpServer other;
    ExecutorService otherThreads;
    volatile Answer answer;
    final CountDownLatch released = new CountDownLatch(1);
    TestServer server;
    User alice;

    @BeforeEach
    void start() throws IOException {
        otherThreads = Executors.newCachedThreadPool();
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.setExecutor(otherThreads);
        other.createContext("/.well-known/stoa/aliases/", exchange -> {
            try {
                answer.answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        other.start();
        server = new TestServer(dir, Map.of("server.publicAddress", "chat.example.org", "moves.allowPrivateAddresses", "true"));
        alice = server.register("alice");
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.close();
        other.stop(0);
        otherThreads.shutdownNow();
    }

    private String otherAccount() {
        return "alicenew@127.0.0.1:" + other.getAddress().getPort();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void assertLookupFails(String why) {
        Response r = move(alice, otherAccount());
        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.code()).isEqualTo("alias_lookup_failed");
        assertThat(r.json().get("detail").asText()).contains(why);
    }

    @Test
    void theMoveIsMadeOnlyWhenTheOtherServerListsTheMoverAndItsContactsGetTheVerifiedAddress() {
        User bob = server.register("bob");
        server.befriend(alice, bob);
        String self = alice.username() + "@chat.example.org";

        answer = x -> json(x, 200, "{\"name\":\"alicenew\",\"aliases\":[\"someone@chat.example.org\"]}");
        Response notListed = move(alice, otherAccount());
        assertThat(notListed.status()).isEqualTo(409);
        assertThat(notListed.code()).isEqualTo("alias_not_published");
        assertThat(notListed.json().get("detail").asText()).contains("does not name " + self);

        answer = x -> json(x, 404, "{\"code\":\"account_not_found\"}");
        assertThat(move(alice, otherAccount()).code()).isEqualTo("alias_not_published");
        assertThat(cards(bob)).as("nothing sent to an address the mover does not control").isEmpty();

        answer = x -> {
            assertThat(x.getRequestURI().getPath()).isEqualTo("/.well-known/stoa/aliases/alicenew");
            json(x, 200, "{\"name\":\"alicenew\",\"aliases\":[\"" + self.toUpperCase() + "\"]}");
        };
        Response moved = move(alice, otherAccount());
        assertThat(moved.status()).as(moved.toString()).isEqualTo(202);
        assertThat(moved.json().get("to").asText()).isEqualTo(otherAccount());
        assertThat(moved.json().get("sameServer").asBoolean()).isFalse();
        assertThat(moved.json().has("toAccount")).isFalse();
        assertThat(server.anonymous().get("/api/v1/accounts/" + alice.username()).json().get("movedTo").asText())
                .isEqualTo(otherAccount());

        var card = cards(bob).getFirst();
        assertThat(card.get("to").asText()).isEqualTo(otherAccount());
        assertThat(card.get("sameServer").asBoolean()).isFalse();
        Response accepted = bob.api().post("/api/v1/contacts/moves/" + card.get("id").asLong() + "/accept", Map.of());
        assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
        assertThat(alice.api().get("/api/v1/me/move").json().get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void anAnswerTooLargeTooSlowRedirectedOrNotAListIsAClearFailureAndNeverFollowed() {
        answer = x -> json(x, 200, "{\"aliases\":[\"" + "a".repeat(RemoteAliases.MAX_ANSWER_BYTES) + "\"]}");
        assertLookupFails("larger than a list of aliases can be");

        answer = x -> {
            x.getResponseHeaders().set("Location", "http://127.0.0.1:1/.well-known/stoa/aliases/alicenew");
            x.sendResponseHeaders(302, -1);
        };
        assertLookupFails("it answered HTTP 302");

        answer = x -> json(x, 200, "<html>hello</html>");
        assertLookupFails("not a Stoa list of aliases");
        answer = x -> json(x, 200, "{\"aliases\":\"alice@chat.example.org\"}");
        assertLookupFails("not a Stoa list of aliases");
        answer = x -> json(x, 500, "{}");
        assertLookupFails("it answered HTTP 500");

        answer = x -> released.await(); // answers nothing until the test ends
        long started = System.nanoTime();
        assertLookupFails("did not answer within 5 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));

        answer = x -> { // the head at once, then the body never ends
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, 0);
            x.getResponseBody().write("{\"aliases\":[".getBytes(StandardCharsets.UTF_8));
            x.getResponseBody().flush();
            released.await();
        };
        assertLookupFails("did not answer within 5 s");

        other.stop(0);
        assertLookupFails("could not be reached");
        assertThat(move(alice, "alicenew@no-such-host.invalid").code()).isEqualTo("alias_lookup_failed");
    }

    @Test
    void privateAddressesAreRefusedUnlessAllowedAndLookupsAreLimitedPerAccount() {
        server.close();
        server = new TestServer(dir.resolve("public"), Map.of("server.publicAddress", "chat.example.org",
                "limits.aliasLookupsPerAccount", "3/1h"));
        User carol = server.register("carol");
        for (String target : new String[] {otherAccount(), "carolnew@10.1.2.3", "carolnew@[::1]:8080"}) {
            Response r = move(carol, target);
            assertThat(r.status()).as(target).isEqualTo(422);
            assertThat(r.code()).isEqualTo("remote_host_not_allowed");
        }
        Response limited = move(carol, "carolnew@169.254.169.254");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(limited.json().get("limiter").asText()).isEqualTo("aliasLookupsPerAccount");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();

        assertThat(RemoteAliases.isPublic(address("93.184.216.34"))).isTrue();
        assertThat(RemoteAliases.isPublic(address("2606:4700::1111"))).isTrue();
        for (String internal : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                "100.64.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1"}) {
            assertThat(RemoteAliases.isPublic(address(internal))).as(internal).isFalse();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
