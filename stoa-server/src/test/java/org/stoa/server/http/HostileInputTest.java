package org.stoa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Every JSON endpoint gets every kind of bad body: always a clear 4xx problem, never a 500, nothing changed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    TestServer server;
    User alice;
    User bob;
    long group;
    long refusal;
    String snapshot;

    record Endpoint(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    record Body(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        server = new TestServer(dir);
        alice = server.register("alice");
        bob = server.register("bob");
        group = server.group(alice, List.of(bob));
        alice.send(group, "first", "hello");
        refusal = alice.send(group, "refused", "best online casino").json().get("decisionId").asLong();
        snapshot = state();
    }

    @AfterAll
    void stop() {
        assertThat(state()).as("hostile requests changed nothing").isEqualTo(snapshot);
        server.close();
    }

    /** What alice and bob can see of the world. */
    private String state() {
        return alice.api().get("/api/v1/conversations").json().toString()
                + alice.api().get("/api/v1/conversations/" + group + "/messages").json()
                + alice.api().get("/api/v1/contacts").json() + alice.api().get("/api/v1/contacts/requests").json()
                + alice.api().get("/api/v1/blocks").json() + alice.api().get("/api/v1/me").json()
                + alice.api().get("/api/v1/me/appeals").json() + alice.api().get("/api/v1/me/aliases").json()
                + alice.api().get("/api/v1/me/move").json() + alice.api().get("/api/v1/contacts/moves?status=all").json();
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/api/v1/accounts"),
                new Endpoint("POST", "/api/v1/sessions"),
                new Endpoint("POST", "/api/v1/contacts/requests"),
                new Endpoint("POST", "/api/v1/blocks"),
                new Endpoint("POST", "/api/v1/conversations"),
                new Endpoint("PATCH", "/api/v1/conversations/" + group),
                new Endpoint("POST", "/api/v1/conversations/" + group + "/members"),
                new Endpoint("PUT", "/api/v1/conversations/" + group + "/members/" + bob.id() + "/role"),
                new Endpoint("POST", "/api/v1/conversations/" + group + "/read"),
                new Endpoint("POST", "/api/v1/conversations/" + group + "/messages"),
                new Endpoint("POST", "/api/v1/decisions/" + refusal + "/appeals"),
                new Endpoint("POST", "/api/v1/moderation/appeals/1/decide"),
                new Endpoint("PUT", "/api/v1/me/aliases"),
                new Endpoint("POST", "/api/v1/me/move"));
    }

    static List<Body> bodies() {
        return List.of(
                new Body("empty", new byte[0]),
                new Body("malformed", "{\"text\": ".getBytes()),
                new Body("not an object", "[1,2,3]".getBytes()),
                new Body("null", "null".getBytes()),
                new Body("wrong types", "{\"username\":1,\"password\":[],\"type\":7,\"members\":\"x\",\"title\":{},\"seq\":\"1\",\"role\":5,\"clientId\":9,\"text\":true,\"accountId\":\"3\"}".getBytes()),
                new Body("invalid utf-8", new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                new Body("trailing garbage", "{\"seq\":1} {\"seq\":2}".getBytes()),
                new Body("duplicate keys", "{\"title\":\"a\",\"title\":\"b\"}".getBytes()),
                new Body("huge", ("{\"text\":\"" + "x".repeat(200_000) + "\"}").getBytes()),
                new Body("deep nesting", ("[".repeat(5000) + "]".repeat(5000)).getBytes()));
    }

    List<Object[]> cases() {
        return endpoints().stream().flatMap(e -> bodies().stream().map(b -> new Object[] {e, b})).toList();
    }

    @ParameterizedTest(name = "{0} with {1} body")
    @MethodSource("cases")
    void badBodiesGetAClear4xx(Endpoint endpoint, Body body) {
        Response r = alice.api().sendJson(endpoint.method(), endpoint.path(), body.bytes());
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isNotBlank();
        assertThat(r.json().get("detail").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} by someone else")
    @MethodSource("endpoints")
    void anotherUsersIdsChangeNothing(Endpoint endpoint) {
        User eve = server.register("eve");
        Map<String, Object> plausible = Map.of("username", bob.username(), "password", "whatever-long", "type", "group",
                "members", List.of(bob.id()), "title", "taken over", "seq", 1, "role", "admin", "clientId", "e1",
                "text", "hi", "accountId", bob.id());
        Response r = eve.api().sendJson(endpoint.method(), endpoint.path(), plausible);
        if (endpoint.path().contains("/conversations/")) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
        } else {
            assertThat(r.status()).as(r.toString()).isLessThan(500);
        }
    }

    @ParameterizedTest(name = "{0} with a wrong content type")
    @MethodSource("endpoints")
    void wrongContentTypesAreNamed(Endpoint endpoint) {
        Response r = alice.api().send(alice.api().request(endpoint.path()).header("Content-Type", "text/xml")
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("<x/>")));
        assertThat(r.status()).as(r.toString()).isIn(415);
    }
}
