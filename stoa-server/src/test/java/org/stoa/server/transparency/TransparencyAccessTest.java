package org.stoa.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.http.Problems;
import org.stoa.server.support.Api;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Who may read what, and hostile input: the report is public unless the operator says otherwise,
 * limited per address; the statements are for admins; every bad period or format is a 400 with a
 * stable code, never a 500.
 */
class TransparencyAccessTest {

    @TempDir
    Path dir;

    private static String today(TestServer server) {
        return LocalDate.ofInstant(server.clock().instant(), ZoneOffset.UTC).toString();
    }

    @Test
    void badPeriodsAndFormatsAreRefusedWithStableCodes() {
        try (TestServer server = new TestServer(dir)) {
            Api anyone = server.anonymous();
            User admin = server.registerWith("chief", Role.ADMIN);
            for (String path : List.of("/api/v1/transparency/report", "/api/v1/transparency/statements")) {
                Api api = path.endsWith("statements") ? admin.api() : anyone;
                for (Map.Entry<String, String> bad : Map.ofEntries(
                        Map.entry("", "invalid_date"),
                        Map.entry("?from=2026-01-01", "invalid_date"),
                        Map.entry("?to=2026-01-01", "invalid_date"),
                        Map.entry("?from=2026-1-1&to=2026-01-31", "invalid_date"),
                        Map.entry("?from=2026-02-30&to=2026-03-31", "invalid_date"),
                        Map.entry("?from=yesterday&to=today", "invalid_date"),
                        Map.entry("?from=2026-01-01T00:00:00Z&to=2026-01-31", "invalid_date"),
                        Map.entry("?from=%2B12026-01-01&to=2026-01-31", "invalid_date"),
                        Map.entry("?from=2026-01-01&to=" + "9".repeat(5000), "invalid_date"),
                        Map.entry("?from=2026-01-01&to=%00%27%3B--", "invalid_date"),
                        Map.entry("?from=2026-03-01&to=2026-02-28", "invalid_date_range"),
                        Map.entry("?from=2025-01-01&to=2026-01-02", "date_range_too_long"),
                        Map.entry("?from=0001-01-01&to=9999-12-31", "date_range_too_long")).entrySet()) {
                    Response r = api.get(path + bad.getKey());
                    assertThat(r.status()).as(path + bad.getKey()).isEqualTo(400);
                    assertThat(r.contentType()).isEqualTo(Problems.CONTENT_TYPE);
                    assertThat(r.code()).as(path + bad.getKey()).isEqualTo(bad.getValue());
                }
            }
            Response missing = anyone.get("/api/v1/transparency/report?to=2026-01-31");
            assertThat(missing.json().get("parameter").asText()).isEqualTo("from");
            assertThat(missing.json().get("detail").asText()).startsWith("from is missing");
            Response tooLong = anyone.get("/api/v1/transparency/report?from=2025-01-01&to=2026-01-02");
            assertThat(tooLong.json().get("maxDays").asInt()).isEqualTo(366);
            assertThat(anyone.get("/api/v1/transparency/report?from=2024-01-01&to=2024-12-31").status())
                    .as("a leap year is 366 days").isEqualTo(200);
            assertThat(anyone.get("/api/v1/transparency/report?from=2026-01-01&to=2026-01-01&format=xml").code())
                    .isEqualTo("invalid_format");
            assertThat(anyone.get("/api/v1/transparency/report?from=1900-01-01&to=1900-01-01").json().at("/decisions/total").asLong())
                    .as("long before anything happened").isZero();
        }
    }

    @Test
    void theStatementsAreForAdminsOnly() {
        try (TestServer server = new TestServer(dir)) {
            String q = "?from=" + today(server) + "&to=" + today(server);
            assertThat(server.anonymous().get("/api/v1/transparency/statements" + q).status()).isEqualTo(401);
            User user = server.register("user");
            User moderator = server.registerWith("mod", Role.MODERATOR);
            User admin = server.registerWith("chief", Role.ADMIN);
            for (User notAdmin : List.of(user, moderator)) {
                Response r = notAdmin.api().get("/api/v1/transparency/statements" + q);
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.code()).isEqualTo("not_allowed");
                assertThat(r.contentType()).as("refused before anything was written").isEqualTo(Problems.CONTENT_TYPE);
            }
            Response none = admin.api().get("/api/v1/transparency/statements" + q);
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.raw()).as("no decisions yet, no lines").isEmpty();
        }
    }

    @Test
    void aServerCanKeepItsReportToModeratorsAndAdmins() {
        try (TestServer server = new TestServer(dir, Map.of("transparency.public", "false"))) {
            String q = "/api/v1/transparency/report?from=" + today(server) + "&to=" + today(server);
            Response anonymous = server.anonymous().get(q);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.code()).isEqualTo("unauthorized");
            Response user = server.register("user").api().get(q);
            assertThat(user.status()).isEqualTo(403);
            assertThat(user.code()).isEqualTo("not_allowed");
            assertThat(server.registerWith("mod", Role.MODERATOR).api().get(q).status()).isEqualTo(200);
            assertThat(server.registerWith("chief", Role.ADMIN).api().get(q + "&format=csv").status()).isEqualTo(200);
        }
    }

    @Test
    void thePublicReportIsLimitedPerAddressAndAnExpiredLoginDoesNotStandInTheWay() {
        try (TestServer server = new TestServer(dir, Map.of("limits.transparencyPerAddress", "3/1h"))) {
            String q = "/api/v1/transparency/report?from=" + today(server) + "&to=" + today(server);
            Api stale = new Api(server.port(), "a-token-that-expired-long-ago");
            assertThat(stale.get(q).status()).as("public: a login is not asked for").isEqualTo(200);
            assertThat(server.anonymous().get(q).status()).isEqualTo(200);
            assertThat(server.anonymous().get(q + "&format=csv").status()).isEqualTo(200);
            Response limited = server.anonymous().get(q);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("rate_limited");
            assertThat(limited.json().get("limiter").asText()).isEqualTo("transparencyPerAddress");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(server.anonymous().get("/api/v1/transparency/report?from=bad&to=bad").code())
                    .as("a bad request is refused before it counts").isEqualTo("invalid_date");
        }
    }

    @Test
    void thePageIsServedAtTransparencyWithTheClientsHeaders() {
        try (TestServer server = new TestServer(dir)) {
            for (String path : List.of("/transparency", "/transparency/")) {
                Response page = server.anonymous().get(path);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.contentType()).startsWith("text/html");
                assertThat(new String(page.raw(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("<script type=\"module\" src=\"/js/transparency/main.js\">");
                assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                        assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe"));
            }
            assertThat(server.anonymous().get("/js/transparency/main.js").status()).isEqualTo(200);
            assertThat(server.anonymous().get("/js/transparency/charts.js").status()).isEqualTo(200);
        }
    }
}
