package org.stoa.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.config.ConfigException;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.enforcement.AuditChain;
import org.stoa.server.export.ArchiveVerifier;
import org.stoa.server.export.Ed25519PublicKey;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.StreamClient;
import org.stoa.server.support.TestPostgres;
import org.stoa.server.support.TestRedis;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Two nodes on one PostgreSQL database and one Redis bus, as issue 12's guarantees ask: a member on
 * node B gets what is sent through node A, a client resumes on the other node with {@code since=},
 * a sanction made on A stops the next send through B, delivery survives the bus going away, and rate
 * limits hold across nodes. Runs on PostgreSQL and Redis whatever engine the rest of the run uses.
 */
class ClusterTest {

    private static final String REASON = "Sent the same scam link to forty groups in an hour.";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    private static TestRedis redis;
    private TestServer a;
    private TestServer b;
    private String database;

    @BeforeAll
    static void bus() {
        redis = TestRedis.start(dir.resolve("redis"));
    }

    @AfterAll
    static void stopBus() {
        redis.close();
    }

    @BeforeEach
    void nodes() {
        redis.flush();
        startNodes(TestServer.MESSAGE_FLOOD);
    }

    private void startNodes(Map<String, String> extra) {
        database = TestPostgres.newDatabase();
        Path media = dir.resolve("media-" + database.substring(database.lastIndexOf('/') + 1));
        Map<String, String> settings = new java.util.HashMap<>(Map.of("storage.url", database, "cluster.bus", redis.url(),
                "media.dir", media.toString(), "exports.dir", media.resolveSibling("exports-" + media.getFileName()).toString()));
        settings.putAll(extra);
        a = new TestServer(dir.resolve("a-" + media.getFileName()), settings);
        b = new TestServer(dir.resolve("b-" + media.getFileName()), settings);
    }

    @AfterEach
    void stopNodes() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void aMemberConnectedToNodeBReceivesWhatIsSentThroughNodeA() {
        User owner = a.register("owner");
        User member = a.register("member");
        long group = a.group(owner, List.of(member));
        try (StreamClient onB = StreamClient.connect(b.port(), member.token(), null)) {
            assertThat(owner.send(group, "c1", "hello from node A").status()).isEqualTo(201);
            JsonNode got = onB.awaitEvent("message.created", e -> e.at("/data/text").asText().equals("hello from node A"));
            assertThat(got.at("/data/conversationId").asLong()).isEqualTo(group);
        }
        // A browser's ticket, got from node A, opens its stream on node B, once.
        Response ticket = member.api().post("/api/v1/stream/tickets", Map.of());
        assertThat(ticket.status()).isEqualTo(201);
        String t = ticket.json().get("ticket").asText();
        try (StreamClient onB = StreamClient.connectWithTicket(b.port(), t)) {
            assertThat(owner.send(group, "c2", "through a ticket").status()).isEqualTo(201);
            onB.awaitEvent("message.created", e -> e.at("/data/text").asText().equals("through a ticket"));
        }
        assertThat(StreamClient.refusal(a.port(), null, "?ticket=" + t).statusCode()).isEqualTo(401);
    }

    @Test
    void concurrentSendsThroughBothNodesReachAMemberInOrderAndOnce() throws Exception {
        User owner = a.register("owner");
        User member = a.register("member");
        long group = a.group(owner, List.of(member));
        try (StreamClient onB = StreamClient.connect(b.port(), member.token(), null);
             ExecutorService senders = Executors.newFixedThreadPool(4)) {
            List<Future<Response>> sends = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                User sender = (t % 2 == 0 ? a : b).current(owner);
                for (int i = 0; i < 30; i++) {
                    String clientId = t + "-" + i;
                    sends.add(senders.submit(() -> sender.send(group, clientId, "message " + clientId)));
                }
            }
            for (Future<Response> f : sends) assertThat(f.get(2, TimeUnit.MINUTES).status()).isEqualTo(201);
            List<JsonNode> got = onB.awaitEvents("message.created", sends.size());
            assertThat(got.stream().map(e -> e.at("/data/clientId").asText()).toList()).doesNotHaveDuplicates().hasSize(120);
            List<Long> seqs = onB.events().stream().map(e -> e.get("eventSeq").asLong()).toList();
            for (int i = 1; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }

    @Test
    void channelPostsAndTypingThroughEitherNodeReachAStreamOnNodeBInOrder() {
        User owner = a.register("owner");
        User reader = a.register("reader");
        Response created = owner.api().post("/api/v1/channels",
                Map.of("handle", "harbour", "title", "Harbour news", "description", "Ferries and tides", "visibility", "public"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long channel = created.id();
        assertThat(b.current(reader).api().post("/api/v1/channels/" + channel + "/subscription", Map.of()).status()).isEqualTo(200);
        long group = a.group(owner, List.of(reader));
        try (StreamClient onB = StreamClient.connect(b.port(), reader.token(), null)) {
            for (int i = 0; i < 4; i++) {
                User poster = (i % 2 == 0 ? a : b).current(owner);
                Response post = poster.api().post("/api/v1/channels/" + channel + "/posts", Map.of("clientId", "p" + i, "text", "tide " + i));
                assertThat(post.status()).as(post.toString()).isEqualTo(201);
            }
            List<JsonNode> posts = onB.awaitChannelFrames("channel.post", 4);
            assertThat(posts.stream().map(p -> p.at("/data/text").asText()).toList()).containsExactly("tide 0", "tide 1", "tide 2", "tide 3");
            assertThat(owner.api().post("/api/v1/conversations/" + group + "/typing", Map.of()).status()).isEqualTo(204);
            awaitTrue("the typing frame reaches node B", () -> onB.frames().stream().anyMatch(f -> f.path("type").asText().equals("typing")));
            assertThat(onB.channelFrames("channel.post")).as("each post once").hasSize(4);
        }
    }

    @Test
    void anExportIsPreparedOnceByOneNodeTakenOverWhenItsNodeIsGoneAndDownloadedAndVerifiedThroughEither() throws Exception {
        User alice = a.register("alice");
        User bob = a.register("bob");
        long group = a.group(alice, List.of(bob));
        assertThat(alice.send(group, "e1", "for the archive").status()).isEqualTo(201);
        Response asked = alice.api().post("/api/v1/me/exports", Map.of());
        assertThat(asked.status()).isEqualTo(202);
        JsonNode ready = awaitExport(b.current(alice), asked.id());
        byte[] archive = b.current(alice).api().get("/api/v1/me/exports/" + asked.id() + "/archive").raw();
        assertThat(archive).hasSize(ready.get("size").asInt());
        // Each node signs with its own key and every node publishes them all: the archive checks against either's list.
        Path file = dir.resolve("export-" + asked.id() + ".zip");
        Files.write(file, archive);
        for (TestServer node : List.of(a, b)) {
            List<Ed25519PublicKey> published = new ArrayList<>();
            node.anonymous().get("/.well-known/stoa/keys").json().get("keys")
                    .forEach(k -> published.add(Ed25519PublicKey.parse(k.get("x").asText()).orElseThrow()));
            assertThat(published).hasSize(2);
            assertThat(ArchiveVerifier.verify(file, Optional.of(published)).username()).isEqualTo(alice.username());
        }
        // A node that claimed bob's export died (its lease lapsed, its half archive left behind): another node takes it over.
        try (Connection c = a.connectToDatabase();
             var st = c.prepareStatement("INSERT INTO exports (account_id, status, requested_at, attempts, lease_until) VALUES (?, 'preparing', ?, 1, ?)",
                     java.sql.Statement.RETURN_GENERATED_KEYS)) {
            st.setLong(1, bob.id());
            st.setLong(2, a.clock().millis());
            st.setLong(3, a.clock().millis() - 1);
            st.executeUpdate();
            ResultSet keys = st.getGeneratedKeys();
            assertThat(keys.next()).isTrue();
            long orphan = keys.getLong(1);
            JsonNode taken = awaitExport(b.current(bob), orphan);
            assertThat(b.current(bob).api().get("/api/v1/me/exports/" + orphan + "/archive").raw()).hasSize(taken.get("size").asInt());
        }
        try (Connection c = a.connectToDatabase(); var st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT attempts FROM exports ORDER BY id")) {
            List<Integer> attempts = new ArrayList<>();
            while (r.next()) attempts.add(r.getInt(1));
            assertThat(attempts).as("built once each, by one node").containsExactly(1, 2);
        }
    }

    @Test
    void aNodeWithoutTheSharedDatabaseOrFoldersRefusesToStartAndSaysWhatIsMissing() {
        Map<String, String> all = Map.of("cluster.bus", redis.url(), "storage.url", database,
                "media.dir", dir.resolve("m").toString(), "exports.dir", dir.resolve("e").toString());
        for (String missing : List.of("storage.url", "media.dir", "exports.dir")) {
            Map<String, String> settings = new java.util.HashMap<>(all);
            settings.remove(missing);
            assertThatThrownBy(() -> ClusterParts.of(ConfigLoader.fromMap(settings), java.time.Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(missing + " is not");
        }
    }

    private static JsonNode awaitExport(User u, long exportId) {
        JsonNode[] last = new JsonNode[1];
        await("export " + exportId).atMost(Duration.ofSeconds(60)).until(() -> {
            last[0] = u.api().get("/api/v1/me/exports/" + exportId).json();
            return !last[0].get("status").asText().equals("preparing");
        });
        assertThat(last[0].get("status").asText()).as(last[0].toString()).isEqualTo("ready");
        return last[0];
    }

    @Test
    void aClientThatWasOnNodeAResumesOnNodeBWithNothingMissedAndNothingTwice() {
        User owner = a.register("owner");
        User member = a.register("member");
        long group = a.group(owner, List.of(member));
        long last;
        try (StreamClient onA = StreamClient.connect(a.port(), member.token(), null)) {
            for (int i = 0; i < 3; i++) assertThat(owner.send(group, "before-" + i, "before " + i).status()).isEqualTo(201);
            onA.awaitEvents("message.created", 3);
            last = onA.lastEventSeq();
        }
        for (int i = 0; i < 6; i++) { // while away, through both nodes
            User sender = (i % 2 == 0 ? a : b).current(owner);
            assertThat(sender.send(group, "away-" + i, "away " + i).status()).isEqualTo(201);
        }
        try (StreamClient onB = StreamClient.connect(b.port(), member.token(), last)) {
            for (int i = 0; i < 4; i++) {
                User sender = (i % 2 == 0 ? a : b).current(owner);
                assertThat(sender.send(group, "after-" + i, "after " + i).status()).isEqualTo(201);
            }
            List<JsonNode> got = onB.awaitEvents("message.created", 10);
            assertThat(got.stream().map(e -> e.at("/data/text").asText()).toList()).containsExactly(
                    "away 0", "away 1", "away 2", "away 3", "away 4", "away 5", "after 0", "after 1", "after 2", "after 3");
            List<Long> seqs = onB.frames().stream().filter(f -> f.has("eventSeq")).map(f -> f.get("eventSeq").asLong()).toList();
            for (int i = 0; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(last + 1 + i);
        }
    }

    @Test
    void aSanctionOrALogoutOnNodeATakesEffectOnNodeBAtTheNextRequest() throws Exception {
        User admin = a.registerWith("admin", Role.ADMIN);
        User owner = a.register("owner");
        User alice = a.register("alice");
        long group = a.group(owner, List.of(alice));
        User aliceOnB = b.current(alice);
        assertThat(aliceOnB.send(group, "c1", "before the ban").status()).isEqualTo(201); // node B now has her cached

        Response ban = admin.api().post("/api/v1/moderation/accounts/" + alice.id() + "/sanctions",
                Map.of("kind", "ban", "reason", REASON));
        assertThat(ban.status()).as(ban.toString()).isEqualTo(201);
        Response refused = aliceOnB.send(group, "c2", "after the ban");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(aliceOnB.api().get("/api/v1/conversations/" + group + "/messages").status()).isEqualTo(200); // she still reads

        // Lifted on node B: node A lets her send at once, and the audit log of both nodes is one chain.
        long sanctionId = ban.json().at("/sanction/id").asLong();
        Response lifted = b.current(admin).api().post("/api/v1/moderation/sanctions/" + sanctionId + "/lift",
                Map.of("reason", "the links were the shop's own; banned by mistake"));
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        assertThat(alice.send(group, "c3", "after the lift").status()).isEqualTo(201);
        try (Connection c = TestPostgres.connect(database)) {
            assertThat(AuditChain.verify(c)).isInstanceOf(AuditChain.Intact.class);
        }

        User ownerOnB = b.current(owner);
        assertThat(ownerOnB.api().get("/api/v1/me").status()).isEqualTo(200);
        assertThat(owner.api().delete("/api/v1/sessions/current").status()).isIn(200, 204);
        awaitTrue("node B refuses the token logged out on node A", () -> ownerOnB.api().get("/api/v1/me").status() == 401);
    }

    @Test
    void anImageBankedAndAPolicyInstalledOnNodeAStopTheNextSendThroughNodeB() throws Exception {
        Path policyFile = dir.resolve("policy-" + System.nanoTime() + ".yaml");
        String sample;
        try (var in = getClass().getResourceAsStream("/policy/sample-policy.yaml")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(policyFile, sample);
        a.close();
        b.close();
        startNodes(Map.of("policy.file", policyFile.toString(), "limits.messagesPerAccountBurst", "1000/1s",
                "limits.messagesPerAccountSustained", "1000/1s"));
        User admin = a.registerWith("admin", Role.ADMIN);
        User owner = a.register("owner");
        User member = a.register("member");
        long group = a.group(owner, List.of(member));
        User memberOnB = b.current(member);

        // A bank change on node A: the same image sent through node B right after is refused.
        byte[] png = Images.encode("png", 300, 200);
        Response sent = owner.api().post("/api/v1/conversations/" + group + "/messages",
                Map.of("clientId", "img1", "mediaId", upload(owner, png)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(memberOnB.api().post("/api/v1/conversations/" + group + "/messages",
                Map.of("clientId", "img2", "mediaId", upload(memberOnB, png))).status()).isEqualTo(201);
        Response banked = admin.api().post("/api/v1/moderation/messages/" + sent.id() + "/bank",
                Map.of("bank", "scam-banners", "reason", "a known advance-fee scam banner"));
        assertThat(banked.status()).as(banked.toString()).isEqualTo(200);
        Response refused = memberOnB.api().post("/api/v1/conversations/" + group + "/messages",
                Map.of("clientId", "img3", "mediaId", upload(memberOnB, png)));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().at("/reasons/0/evidence").asText()).contains("scam-banners");

        // A new policy installed on node A (the file every node reads): node B reviews under it at once.
        assertThat(memberOnB.send(group, "t1", "join the zanzibar lottery club").status()).isEqualTo(201);
        Files.writeString(policyFile, sample.replace("version: \"sample-2026.11\"", "version: \"cluster-test-2\"")
                .replace("      - guaranteed returns\n", "      - guaranteed returns\n      - zanzibar lottery\n"));
        Response reloaded = admin.api().post("/api/v1/admin/policy/reload", Map.of());
        assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(200);
        Response underNewPolicy = memberOnB.send(group, "t2", "join the zanzibar lottery club");
        assertThat(underNewPolicy.status()).as(underNewPolicy.toString()).isEqualTo(422);
        assertThat(underNewPolicy.toString()).contains("cluster-test-2");
    }

    private static String upload(User u, byte[] png) {
        Response up = u.api().upload("image/png", png);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        return up.json().get("id").asText();
    }

    @Test
    void whenTheBusGoesAwayDeliveryFallsBackToTheDatabaseAndComesBackWithIt() {
        User owner = a.register("owner");
        User member = a.register("member");
        long group = a.group(owner, List.of(member));
        try (StreamClient onB = StreamClient.connect(b.port(), member.token(), null)) {
            redis.stop();
            try {
                awaitTrue("node B sees the bus gone", () -> busLive(b) == 0);
                for (int i = 0; i < 5; i++) {
                    assertThat(owner.send(group, "down-" + i, "while the bus is away " + i).status()).isEqualTo(201);
                }
                List<JsonNode> got = onB.awaitEvents("message.created", 5);
                assertThat(got.stream().map(e -> e.at("/data/text").asText()).toList())
                        .containsExactly("while the bus is away 0", "while the bus is away 1", "while the bus is away 2",
                                "while the bus is away 3", "while the bus is away 4");
            } finally {
                redis.start();
            }
            awaitTrue("node B hears the bus again", () -> busLive(b) == 1 && busLive(a) == 1);
            assertThat(owner.send(group, "up", "the bus is back").status()).isEqualTo(201);
            onB.awaitEvent("message.created", e -> e.at("/data/text").asText().equals("the bus is back"));
            assertThat(onB.events("message.created")).hasSize(6);
        }
    }

    @Test
    void aClientCannotDoubleItsAllowanceByAlternatingNodes() {
        a.close();
        b.close();
        redis.flush();
        startNodes(Map.of("limits.messagesPerAccountBurst", "6/1h"));
        User owner = a.register("owner");
        User member = a.register("member");
        long group = a.group(owner, List.of(member));
        int accepted = 0;
        Response last = null;
        for (int i = 0; i < 12; i++) {
            User sender = (i % 2 == 0 ? a : b).current(owner);
            last = sender.send(group, "m" + i, "message " + i);
            if (last.status() == 201) accepted++;
        }
        assertThat(accepted).isEqualTo(6);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.code()).isEqualTo("rate_limited");
    }

    private static int busLive(TestServer node) {
        String metrics = new String(node.anonymous().get("/metrics").raw(), StandardCharsets.UTF_8);
        return metrics.lines().filter(l -> l.startsWith("stoa_cluster_bus_live"))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static void awaitTrue(String what, Callable<Boolean> condition) {
        await(what).atMost(PATIENCE).until(condition);
    }
}
