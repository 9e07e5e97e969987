package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.ModerationHistory;
import org.stoa.server.support.TestServer;

/**
 * The public transparency page in Debian's Chromium, over four days of real moderation: the
 * figures at a glance, decisions over time by category, automated versus human, appeal outcomes
 * and the reversal rate per rule, each chart drawing exactly what the report's JSON says; a bad
 * period explained; and on a server that keeps its report to moderators, a page that says so.
 */
class TransparencyWebTest extends BrowserTest {

    @Test
    void theReportIsDrawnAsChartsThatMatchItsFigures() {
        try (TestServer server = new TestServer(dir)) {
            ModerationHistory history = ModerationHistory.write(server);
            String period = "from=" + history.firstDay + "&to=" + history.laterDay;
            JsonNode report = server.anonymous().get("/api/v1/transparency/report?" + period).json();

            Page page = desktop().newPage();
            page.navigate("http://localhost:" + server.port() + "/transparency?" + period);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Transparency report"))).isVisible();
            Locator tiles = page.locator(".tile");
            assertThat(tiles.first()).containsText("Decisions");
            assertThat(tiles.first().locator(".figure")).hasText(report.at("/decisions/total").asText());
            assertThat(tiles.nth(3).locator(".figure")).hasText(report.at("/appeals/filed").asText());

            // Decisions over time: one segment per day and category with any, as tall as the day's count.
            Locator overTime = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Decisions over time, by category"));
            int segments = 0;
            for (JsonNode day : report.at("/decisions/byDay")) segments += day.get("byCategory").size();
            assertThat(overTime.locator("rect[data-series]")).hasCount(segments);
            assertThat(overTime.locator("rect[data-series='gambling'][data-date='" + history.laterDay + "']")).hasCount(1);
            Locator lateDay = overTime.locator("rect[data-date='" + history.firstDay.plusDays(3) + "']");
            assertThat(lateDay).hasCount(0); // nothing happened on the fourth day

            Locator automated = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Automated or human"));
            int levels = 0;
            for (JsonNode day : report.at("/decisions/byDay")) levels += day.get("byAutomation").size();
            assertThat(automated.locator("rect[data-series]")).hasCount(levels);
            assertThat(page.locator("section[aria-labelledby='automation']")).containsText("Software alone");

            Locator outcomes = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Appeal outcomes"));
            for (String outcome : new String[] {"upheld", "reversed", "modified"}) {
                assertThat(outcomes.locator("rect[data-key='" + outcome + "']")).hasCount(1);
            }
            assertThat(outcomes).containsText("1 (33%)");

            Locator rates = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Reversal rate per rule"));
            assertThat(rates.locator("rect[data-key]")).hasCount(report.at("/appeals/byRule").size());
            assertThat(rates).containsText("Gambling advertising (gambling-ads)");
            assertThat(rates).containsText("100% of 1");
            assertThat(rates).containsText("0% of 1");
            double full = Double.parseDouble(rates.locator("rect.track").first().getAttribute("width"));
            double gambling = Double.parseDouble(rates.locator("rect[data-key='gambling-ads']").getAttribute("width"));
            assertThat(gambling).as("a reversal rate of 1 fills its track").isEqualTo(full);

            Locator held = page.locator("section[aria-labelledby='reports']");
            assertThat(held).containsText("Median wait");
            assertThat(held).containsText("1 h 20 min");
            assertThat(page.locator("section[aria-labelledby='policies']")).containsText(report.at("/policyVersions/0/version").asText());
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download CSV")))
                    .hasAttribute("href", "/api/v1/transparency/report?" + period + "&format=csv");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(ChatPage.SCREENSHOTS.resolve("transparency.png")));

            // A period the wrong way round is explained, not drawn.
            page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).fill(history.laterDay.toString());
            page.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).fill(history.firstDay.toString());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("is after to");
            assertThat(page.locator(".chart")).hasCount(0);
            assertThat(page).hasURL(java.util.regex.Pattern.compile("from=" + history.laterDay));

            Page phone = phone().newPage();
            phone.navigate("http://localhost:" + server.port() + "/transparency?" + period);
            assertThat(phone.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Decisions over time, by category")))
                    .isVisible();
            assertThat((Boolean) phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("nothing wider than the phone").isTrue();
            phone.screenshot(new Page.ScreenshotOptions().setPath(ChatPage.SCREENSHOTS.resolve("transparency-phone.png")));
        }
    }

    @Test
    void whereTheReportIsForModeratorsThePageSaysSo() {
        try (TestServer server = new TestServer(dir, Map.of("transparency.public", "false"))) {
            Page page = desktop().newPage();
            page.navigate("http://localhost:" + server.port() + "/transparency");
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("to its moderators and admins only");
            assertThat(page.locator(".chart")).hasCount(0);
        }
    }
}
