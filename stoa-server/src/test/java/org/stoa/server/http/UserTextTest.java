package org.stoa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** What people write for others to read is stored clean, and bytes that are not UTF-8 are refused. */
class UserTextTest {

    @TempDir
    Path dir;

    private static byte[] json(String before, byte[] raw, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8), c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + raw.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(raw, 0, out, a.length, raw.length);
        System.arraycopy(c, 0, out, a.length + raw.length, c.length);
        return out;
    }

    @Test
    void overlongAndOtherMalformedUtf8IsRefusedNeverStored() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            long group = server.group(alice, List.of(bob));
            byte[][] malformed = {
                    {(byte) 0xC0, (byte) 0xAF},                          // "/" in two bytes
                    {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},             // "/" in three
                    {(byte) 0xC0, (byte) 0x80},                          // NUL in two (modified UTF-8)
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},             // a surrogate, encoded
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
                    {(byte) 0xE2, (byte) 0x82}};                         // cut short
            for (byte[] bad : malformed) {
                Response title = alice.api().sendJson("PATCH", "/api/v1/conversations/" + group,
                        json("{\"title\":\"..", bad, "etc\"}"));
                assertThat(title.status()).as(title.toString()).isEqualTo(400);
                assertThat(title.code()).isEqualTo("invalid_utf8");
                Response text = alice.api().sendJson("POST", "/api/v1/conversations/" + group + "/messages",
                        json("{\"clientId\":\"x\",\"text\":\"", bad, "\"}"));
                assertThat(text.code()).isEqualTo("invalid_utf8");
            }
            assertThat(alice.api().get("/api/v1/conversations/" + group).json().get("title").asText()).isEqualTo("test group");
            assertThat(alice.api().get("/api/v1/conversations/" + group + "/messages").json().get("messages")).isEmpty();
        }
    }

    @Test
    void titlesLoseBidiOverridesControlCharactersAndNulButKeepRightToLeftMarks() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User bob = server.register("bob");
            server.befriend(alice, bob);
            Response created = alice.api().post("/api/v1/conversations", Map.of("type", "group", "members", List.of(bob.id()),
                    "title", "\u202Eexe.txt\u202C party\u0000\u0007\t\n\u2066x\u2069"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().get("title").asText()).isEqualTo("exe.txt partyx");

            Response renamed = alice.api().patch("/api/v1/conversations/" + created.id(), Map.of("title", "שלום\u200F 2026\u202D"));
            assertThat(renamed.json().get("title").asText()).isEqualTo("שלום\u200F 2026");
            Response onlyControls = alice.api().patch("/api/v1/conversations/" + created.id(), Map.of("title", "\u0000\u202E\u0001"));
            assertThat(onlyControls.json().has("title")).as("nothing left: no title").isFalse();
            assertThat(bob.api().get("/api/v1/conversations").json().get(0).has("title")).isFalse();
        }
    }

    @Test
    void reportReasonsKeepTheirLinesAndLoseTheRest() {
        try (TestServer server = new TestServer(dir)) {
            User alice = server.register("alice");
            User mallory = server.register("mallory");
            Response r = alice.api().post("/api/v1/reports", Map.of("accountId", mallory.id(),
                    "reason", "spam\u0000 links\nsee\u202E above\u0008"));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.json().get("reason").asText()).isEqualTo("spam links\nsee above");
        }
    }

    @Test
    void moderatorsReasonsAndAppealStatementsAreCleanedTheSameWay() {
        try (TestServer server = new TestServer(dir)) {
            User moderator = server.registerWith("mod", org.stoa.server.accounts.Role.MODERATOR);
            User mallory = server.register("mallory");
            Response sanctioned = moderator.api().post("/api/v1/moderation/accounts/" + mallory.id() + "/sanctions",
                    Map.of("kind", "suspension", "duration", "1d", "reason", "\u202Espam\u202C\u0000 in\ngroups\u0007"));
            assertThat(sanctioned.status()).as(sanctioned.toString()).isEqualTo(201);
            assertThat(sanctioned.json().get("moderatorReason").asText()).isEqualTo("spam in\ngroups");

            Response appeal = mallory.api().post("/api/v1/decisions/" + sanctioned.id() + "/appeals",
                    Map.of("statement", "It was\u0000 not\u2066 spam:\nmy friends asked\u202E", "requestedOutcome", "reverse"));
            assertThat(appeal.status()).as(appeal.toString()).isEqualTo(201);
            assertThat(appeal.json().get("statement").asText()).isEqualTo("It was not spam:\nmy friends asked");
        }
    }
}
