package org.stoa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Api;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;

/** The web client's files: served from the jar at /, revalidated, locked to this origin, not masking API errors. */
class WebClientServingTest {

    @TempDir
    Path dir;

    @Test
    void thePageAndItsModulesAreServedWithSecurityAndCachingHeaders() {
        try (TestServer server = new TestServer(dir)) {
            Api web = server.anonymous();
            Response page = web.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(new String(page.raw(), StandardCharsets.UTF_8)).contains("<script type=\"module\" src=\"js/main.js\">");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'").contains("img-src 'self' blob:").doesNotContain("unsafe"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");

            String etag = page.headers().firstValue("ETag").orElseThrow();
            Response again = web.send(web.request("/").header("If-None-Match", etag).GET());
            assertThat(again.status()).isEqualTo(304);

            Response module = web.get("/js/main.js");
            assertThat(module.status()).isEqualTo(200);
            assertThat(module.contentType()).startsWith("text/javascript");
            assertThat(module.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void theModeratorConsoleIsServedAtAdminWithTheSameHeadersAndSharesTheClientsModules() {
        try (TestServer server = new TestServer(dir)) {
            Response console = server.anonymous().get("/admin");
            assertThat(console.status()).isEqualTo(200);
            assertThat(console.contentType()).startsWith("text/html");
            String html = new String(console.raw(), StandardCharsets.UTF_8);
            // Absolute paths: the page works at /admin and at /admin/ alike.
            assertThat(html).contains("<script type=\"module\" src=\"/js/console/main.js\">").contains("href=\"/app.css\"");
            assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe"));
            assertThat(server.anonymous().get("/admin/").status()).isEqualTo(200);
            assertThat(server.anonymous().get("/js/console/main.js").status()).isEqualTo(200);
        }
    }

    @Test
    void unknownPathsAndApiRoutesStillAnswerWithProblems() {
        try (TestServer server = new TestServer(dir)) {
            Response missing = server.anonymous().get("/no-such-file.js");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).isEqualTo(Problems.CONTENT_TYPE);
            Response api = server.anonymous().get("/api/v1/me");
            assertThat(api.status()).isEqualTo(401);
            assertThat(api.code()).isEqualTo("unauthorized");
        }
    }
}
