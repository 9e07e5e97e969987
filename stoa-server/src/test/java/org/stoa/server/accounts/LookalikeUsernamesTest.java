package org.stoa.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Api;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;

class LookalikeUsernamesTest {

    @TempDir
    Path dir;

    @Test
    void aUsernameThatLooksLikeATakenOneIsRefusedWithItsOwnCode() {
        try (TestServer server = new TestServer(dir)) {
            Api anon = server.anonymous();
            assertThat(register(anon, "alice").status()).isEqualTo(201);
            assertConfusable(register(anon, "\u0430lice"), "a Cyrillic а");
            assertConfusable(register(anon, "ａｌｉｃｅ"), "full-width letters");
            assertConfusable(register(anon, "a1ice"), "a digit one for the l");
            assertConfusable(register(anon, "al\u200bice"), "a zero-width space inside");
            assertThat(register(anon, "ALICE").code()).as("the same name in capitals is the same name").isEqualTo("username_taken");

            assertThat(register(anon, "rnary").status()).isEqualTo(201);
            assertConfusable(register(anon, "mary"), "m for rn");

            assertThat(register(anon, "alicia").status()).as("a different name").isEqualTo(201);
            assertThat(register(anon, "alice_").status()).as("a visible difference").isEqualTo(201);
            assertThat(register(anon, "adrnin").code()).as("a reserved name in look-alike letters").isEqualTo("username_reserved");
            assertThat(register(anon, "stoa.supp0rt").code()).isEqualTo("username_reserved");
            Response foreign = register(anon, "\u0431\u043e\u0440\u0438\u0441");
            assertThat(foreign.code()).as("Cyrillic that looks like nothing taken: the usual rule").isEqualTo("invalid_username");
        }
    }

    private static Response register(Api anon, String username) {
        return anon.post("/api/v1/accounts", Map.of("username", username, "password", "long enough pw"));
    }

    private static void assertConfusable(Response r, String what) {
        assertThat(r.status()).as(what + ": " + r).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("username_confusable");
    }
}
