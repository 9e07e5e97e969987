package org.stoa.server.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.RunningServer;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Taking one's data along, through the API of a real server: in every sanction state, signed, kept 7 days. */
class ExportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestServer server;
    User admin;

    @BeforeEach
    void start() {
        server = new TestServer(dir.resolve("data"), TestServer.MESSAGE_FLOOD);
        admin = server.registerWith("admin", Role.ADMIN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBannedAccountExportsEverythingItCanReadAndTheArchiveVerifies() throws Exception {
        User alice = server.register("alice");
        assertThat(alice.api().patch("/api/v1/me/profile", Map.of("displayName", "Alice Liddell", "bio", "hi")).status()).isEqualTo(200);
        User bob = server.register("bob");
        User carol = server.register("carol");
        long group = server.group(alice, List.of(bob, carol));
        long direct = server.direct(alice, bob);
        assertThat(alice.send(direct, "d1", "hello bob <b>& welcome</b>").status()).isEqualTo(201);
        assertThat(bob.send(direct, "d2", "hi alice\nsecond line").status()).isEqualTo(201);
        Response recalled = alice.send(direct, "d3", "oops, wrong chat");
        assertThat(alice.api().post("/api/v1/messages/" + recalled.id() + "/recall", Map.of()).status()).isEqualTo(200);
        byte[] photo = Images.encode(Images.photo(7, 320, 240), "png", 1);
        Response upload = alice.api().upload("image/png", photo);
        assertThat(alice.api().post("/api/v1/conversations/" + group + "/messages",
                Map.of("clientId", "g1", "mediaId", upload.json().get("id").asText())).status()).isEqualTo(201);
        Response removed = bob.send(group, "g2", "something a moderator takes down");
        assertThat(admin.api().post("/api/v1/moderation/messages/" + removed.id() + "/remove",
                Map.of("reason", "Off-topic advertising in a group for neighbours")).status()).isEqualTo(200);
        Response refused = alice.send(group, "g3", "best online casino, free spins tonight");
        assertThat(refused.code()).isEqualTo("message_refused");
        assertThat(alice.api().post("/api/v1/reports", Map.of("accountId", carol.id(), "reason", "spams the group")).status())
                .isEqualTo(201);
        Response ban = admin.api().post("/api/v1/moderation/accounts/" + alice.id() + "/sanctions",
                Map.of("kind", "ban", "reason", "Repeated scam links to group members"));
        assertThat(ban.status()).isEqualTo(201);

        User banned = server.logIn(alice.username(), RunningServer.passwordOf(alice.username()));
        Response asked = banned.api().post("/api/v1/me/exports", Map.of());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        assertThat(asked.json().get("status").asText()).isEqualTo("preparing");
        JsonNode ready = awaitReady(banned, asked.id());
        assertThat(Instant.parse(ready.get("expiresAt").asText()))
                .isEqualTo(Instant.parse(ready.get("readyAt").asText()).plus(Duration.ofDays(7)));

        Response archive = banned.api().get("/api/v1/me/exports/" + asked.id() + "/archive");
        assertThat(archive.status()).isEqualTo(200);
        assertThat(archive.contentType()).isEqualTo("application/zip");
        assertThat(archive.headers().firstValue("content-disposition").orElse(""))
                .contains("attachment").contains("stoa-export-" + alice.username());
        assertThat((long) archive.raw().length).isEqualTo(ready.get("size").asLong());
        assertThat(sha256(archive.raw())).isEqualTo(ready.get("sha256").asText());

        Path file = dir.resolve("export.zip");
        Files.write(file, archive.raw());
        ArchiveVerifier.Verified verified = ArchiveVerifier.verify(file, Optional.of(List.of(publishedKey())));
        assertThat(verified.username()).isEqualTo(alice.username());
        Map<String, byte[]> files = unzip(file);
        assertThat(files.keySet()).contains("manifest.json", "account.json", "contacts.json", "contacts.vcf", "groups.json",
                "conversations.json", "conversations/" + direct + ".jsonl", "conversations/" + group + ".jsonl",
                "media/" + Images.sha256(photo) + ".png", "moderation/decisions.json", "moderation/sanctions.json",
                "moderation/appeals.json", "moderation/reports.json", "index.html");
        assertThat(verified.files()).isEqualTo(files.size() - 1);

        JsonNode manifest = json(files, "manifest.json");
        assertThat(manifest.get("format").asText()).isEqualTo("stoa-export/1");
        assertThat(manifest.at("/account/username").asText()).isEqualTo(alice.username());
        assertThat(manifest.at("/signature/keyId").asText()).isEqualTo(publishedKey().keyId());
        assertThat(json(files, "account.json").get("username").asText()).isEqualTo(alice.username());
        assertThat(json(files, "account.json").get("displayName").asText()).as("the profile goes along").isEqualTo("Alice Liddell");
        assertThat(json(files, "account.json").get("bio").asText()).isEqualTo("hi");
        assertThat(json(files, "contacts.json").get("contacts")).extracting(c -> c.get("username").asText())
                .containsExactlyInAnyOrder(bob.username(), carol.username());
        String vcf = new String(files.get("contacts.vcf"), StandardCharsets.UTF_8);
        assertThat(vcf).startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n").contains("FN:" + bob.username() + "\r\n")
                .contains("FN:" + carol.username() + "\r\n");
        JsonNode groups = json(files, "groups.json");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("members")).extracting(m -> m.get("username").asText())
                .containsExactlyInAnyOrder(alice.username(), bob.username(), carol.username());

        List<JsonNode> directLines = lines(files, "conversations/" + direct + ".jsonl");
        assertThat(directLines).extracting(l -> l.get("sender").asText()).containsExactly(alice.username(), bob.username(), alice.username());
        assertThat(directLines.get(0).get("text").asText()).isEqualTo("hello bob <b>& welcome</b>");
        assertThat(directLines.get(1).get("text").asText()).isEqualTo("hi alice\nsecond line");
        assertThat(directLines.get(2).has("recalledAt")).isTrue();
        assertThat(directLines.get(2).has("text")).as("a recalled message keeps no content").isFalse();
        List<JsonNode> groupLines = lines(files, "conversations/" + group + ".jsonl");
        JsonNode image = groupLines.get(0).get("media");
        assertThat(image.get("file").asText()).isEqualTo("media/" + Images.sha256(photo) + ".png");
        assertThat(files.get(image.get("file").asText())).isEqualTo(photo);
        assertThat(groupLines.get(1).get("status").asText()).isEqualTo("removed");
        assertThat(groupLines.get(1).at("/moderation/notice").asText()).startsWith("removed by a moderator");
        assertThat(groupLines).as("a refused message reached nobody, so it is no message").hasSize(2);

        JsonNode decisions = json(files, "moderation/decisions.json");
        assertThat(decisions).extracting(d -> d.get("outcome").asText()).contains("refused", "sanctioned");
        assertThat(decisions.toString()).contains("online casino").contains("redress");
        assertThat(json(files, "moderation/sanctions.json")).extracting(s -> s.get("kind").asText()).contains("ban");
        assertThat(json(files, "moderation/reports.json")).extracting(r -> r.get("reason").asText()).containsExactly("spams the group");
        assertThat(json(files, "moderation/appeals.json")).isEmpty();

        String html = new String(files.get("index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("hello bob &lt;b&gt;&amp; welcome&lt;/b&gt;").doesNotContain("<b>& welcome")
                .contains("src=\"media/" + Images.sha256(photo) + ".png\"").contains("Content-Security-Policy")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
    }

    @Test
    void aLongConversationIsReadPageByPageWithNothingMissedOrTwice() throws Exception {
        User talker = server.register("talker");
        User listener = server.register("listener");
        server.befriend(talker, listener);
        long direct = server.direct(talker, listener);
        int count = 1_050; // more than two of the export's pages of messages
        try (var sends = java.util.concurrent.Executors.newFixedThreadPool(16)) { // concurrent sends share commits
            for (int i = 1; i <= count; i++) {
                String text = "message " + i;
                sends.submit(() -> assertThat(talker.send(direct, text, text).status()).isEqualTo(201));
            }
        }
        long id = listener.api().post("/api/v1/me/exports", Map.of()).id();
        awaitReady(listener, id);
        Path file = dir.resolve("long.zip");
        Files.write(file, listener.api().get("/api/v1/me/exports/" + id + "/archive").raw());
        List<JsonNode> lines = lines(unzip(file), "conversations/" + direct + ".jsonl");
        assertThat(lines).extracting(l -> l.get("seq").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, count).boxed().toList());
        assertThat(lines).extracting(l -> l.get("text").asText()).doesNotHaveDuplicates().contains("message 1", "message " + count);
    }

    @ParameterizedTest
    @ValueSource(strings = {"restriction", "suspension", "ban"})
    void everySanctionStateMayExport(String kind) {
        User u = server.register("sanctioned");
        Map<String, Object> sanction = kind.equals("restriction")
                ? Map.of("kind", kind, "features", List.of("send_group", "send_direct", "add_contacts", "create_group"),
                        "duration", "7d", "reason", "Too many unsolicited messages to strangers")
                : Map.of("kind", kind, "duration", "30d", "reason", "Too many unsolicited messages to strangers");
        assertThat(admin.api().post("/api/v1/moderation/accounts/" + u.id() + "/sanctions", sanction).status()).isEqualTo(201);
        Response asked = u.api().post("/api/v1/me/exports", Map.of());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        assertThat(awaitReady(u, asked.id()).get("status").asText()).isEqualTo("ready");
        assertThat(u.api().get("/api/v1/me/exports/" + asked.id() + "/archive").status()).isEqualTo(200);
    }

    @Test
    void oneExportADayAndTheAnswerSaysWhenTheNextIsPossible() {
        User u = server.register("daily");
        Response first = u.api().post("/api/v1/me/exports", Map.of());
        assertThat(first.status()).isEqualTo(202);
        Instant requestedAt = Instant.parse(first.json().get("requestedAt").asText());
        awaitReady(u, first.id());
        server.clock().advance(Duration.ofHours(23));
        Response again = u.api().post("/api/v1/me/exports", Map.of());
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.code()).isEqualTo("export_too_soon");
        assertThat(Instant.parse(again.json().get("availableAt").asText())).isEqualTo(requestedAt.plus(Duration.ofHours(24)));
        assertThat(again.json().get("exportId").asLong()).isEqualTo(first.id());
        assertThat(again.json().get("retryAfterSeconds").asLong()).isBetween(3500L, 3600L);
        assertThat(again.headers().firstValue("Retry-After")).contains(again.json().get("retryAfterSeconds").asText());
        assertThat(u.api().get("/api/v1/me/exports").json()).as("no second export was made").hasSize(1);
        server.clock().advance(Duration.ofHours(1));
        assertThat(u.api().post("/api/v1/me/exports", Map.of()).status()).isEqualTo(202);
    }

    @Test
    void exportsAreTheirAccountsAloneAndHostileIdsAre404() {
        User owner = server.register("owner");
        User other = server.register("other");
        long id = owner.api().post("/api/v1/me/exports", Map.of()).id();
        awaitReady(owner, id);
        for (String path : List.of("/api/v1/me/exports/" + id, "/api/v1/me/exports/" + id + "/archive")) {
            Response r = other.api().get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.code()).isEqualTo("export_not_found");
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        for (String bad : List.of("999999", "0", "-1", "abc", "1e3", "9223372036854775808")) {
            assertThat(owner.api().get("/api/v1/me/exports/" + bad).code()).as(bad).isEqualTo("export_not_found");
            assertThat(owner.api().get("/api/v1/me/exports/" + bad + "/archive").code()).as(bad).isEqualTo("export_not_found");
        }
        assertThat(other.api().get("/api/v1/me/exports").json()).isEmpty();
        assertThat(server.anonymous().post("/api/v1/me/exports", Map.of()).status()).isEqualTo(401);
        assertThat(server.anonymous().get("/api/v1/me/exports/" + id + "/archive").status()).isEqualTo(401);
        assertThat(owner.api().sendJson("POST", "/api/v1/me/exports", "not json at all").status())
                .as("the body is not read: an export takes no options").isEqualTo(429);
    }

    @Test
    void anArchiveAskedForBeforeItIsReadyIsA409ThatSaysSo() {
        // One export is built at a time, in the order asked: an export queued behind a bulky one is still preparing.
        User bulky = server.register("bulky");
        long conversation = server.group(bulky, List.of(server.register("friend")));
        for (int i = 0; i < 12; i++) {
            byte[] noise = Images.encode(Images.photo(100 + i, 1600, 1200), "png", 1);
            String mediaId = bulky.api().upload("image/png", noise).json().get("id").asText();
            bulky.api().post("/api/v1/conversations/" + conversation + "/messages", Map.of("clientId", "n" + i, "mediaId", mediaId));
        }
        User queued = server.register("queued");
        long first = bulky.api().post("/api/v1/me/exports", Map.of()).id();
        long second = queued.api().post("/api/v1/me/exports", Map.of()).id();
        Response early = queued.api().get("/api/v1/me/exports/" + second + "/archive");
        // The bulky export's own status is not asserted here: on a quiet machine it can be done by the
        // time it is asked about, though the queued one was still waiting when its archive was asked for.
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("export_not_ready");
        assertThat(early.json().get("status").asText()).isEqualTo("preparing");
        assertThat(queued.api().get("/api/v1/me/exports/" + second).json().get("status").asText()).isEqualTo("preparing");
        awaitReady(queued, second);
        assertThat(bulky.api().get("/api/v1/me/exports/" + first).json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void archivesAreKeptSevenDaysThenDeleted() {
        User u = server.register("keeper");
        long id = u.api().post("/api/v1/me/exports", Map.of()).id();
        awaitReady(u, id);
        Path archive = dir.resolve("data/exports/" + id + ".zip");
        assertThat(archive).exists();
        server.clock().advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(u.api().get("/api/v1/me/exports/" + id + "/archive").status()).isEqualTo(200);
        server.clock().advance(Duration.ofMinutes(2));
        JsonNode status = u.api().get("/api/v1/me/exports/" + id).json();
        assertThat(status.get("status").asText()).isEqualTo("expired");
        assertThat(status.has("archive")).isFalse();
        Response gone = u.api().get("/api/v1/me/exports/" + id + "/archive");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.code()).isEqualTo("export_expired");
        assertThat(archive).doesNotExist();
    }

    @Test
    void theSigningKeyIsPublishedMadeOnFirstStartReadableByTheServerOnlyAndKeptAcrossRestarts() throws IOException {
        Ed25519PublicKey before = publishedKey();
        JsonNode jwk = server.anonymous().get("/.well-known/stoa/keys").json().at("/keys/0");
        assertThat(jwk.get("kty").asText()).isEqualTo("OKP");
        assertThat(jwk.get("crv").asText()).isEqualTo("Ed25519");
        assertThat(jwk.get("kid").asText()).isEqualTo(before.keyId());
        Path keyFile = dir.resolve("data/keys/server-ed25519.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data/exports")))).isEqualTo("rwx------");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        server.restart();
        assertThat(publishedKey()).as("the same key after a restart").isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).as("tightened again").isEqualTo("rw-------");
    }

    @Test
    void anExportCutShortByAStopIsPreparedAgainAndOneCutShortTooOftenFailsWithAReason() throws SQLException, IOException {
        User kept = server.register("kept");
        long keptId = kept.api().post("/api/v1/me/exports", Map.of()).id();
        awaitReady(kept, keptId);
        User again = server.register("again");
        User given = server.register("given");
        Path exports = dir.resolve("data/exports");
        server.whileStopped(() -> {
            insertPreparing(again.id(), 1);
            insertPreparing(given.id(), ExportJobs.MAX_ATTEMPTS);
            write(exports.resolve("999.zip.part"), "half an archive left by a crash");
        });
        assertThat(server.current(kept).api().get("/api/v1/me/exports/" + keptId + "/archive").status())
                .as("a ready archive is still there after a restart").isEqualTo(200);
        JsonNode mine = server.current(again).api().get("/api/v1/me/exports").json();
        assertThat(mine).hasSize(1);
        JsonNode ready = awaitReady(server.current(again), mine.get(0).get("id").asLong());
        assertThat(ready.get("status").asText()).isEqualTo("ready");
        assertThat(exports.resolve("999.zip.part")).as("what a crash left is cleaned up").doesNotExist();

        User givenNow = server.current(given);
        JsonNode failed = givenNow.api().get("/api/v1/me/exports").json().get(0);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("failure").asText()).contains("stopped 3 times").contains("ask for a new one");
        assertThat(givenNow.api().get("/api/v1/me/exports/" + failed.get("id").asLong() + "/archive").code()).isEqualTo("export_failed");
        assertThat(givenNow.api().post("/api/v1/me/exports", Map.of()).status()).as("a failed export does not spend the day's")
                .isEqualTo(202);
    }

    private void insertPreparing(long accountId, int attempts) {
        try (Connection c = server.connectToDatabase();
             var st = c.prepareStatement("INSERT INTO exports (account_id, status, requested_at, attempts) VALUES (?, 'preparing', ?, ?)")) {
            st.setLong(1, accountId);
            st.setLong(2, server.clock().millis());
            st.setInt(3, attempts);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Ed25519PublicKey publishedKey() {
        return Ed25519PublicKey.parse(server.anonymous().get("/.well-known/stoa/keys").json().at("/keys/0/x").asText()).orElseThrow();
    }

    static JsonNode awaitReady(User u, long exportId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            last[0] = u.api().get("/api/v1/me/exports/" + exportId).json();
            return !last[0].get("status").asText().equals("preparing");
        });
        assertThat(last[0].get("status").asText()).as(last[0].toString()).isEqualTo("ready");
        return last[0];
    }

    static Map<String, byte[]> unzip(Path file) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (var in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    private static JsonNode json(Map<String, byte[]> files, String name) throws IOException {
        assertThat(files).containsKey(name);
        return JSON.readTree(files.get(name));
    }

    private static List<JsonNode> lines(Map<String, byte[]> files, String name) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(files.get(name), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) out.add(JSON.readTree(line));
        }
        return out;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
