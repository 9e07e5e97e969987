package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.stoa.server.accounts.Role;
import org.stoa.server.export.ArchiveVerifier;
import org.stoa.server.export.Ed25519PublicKey;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.Images;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** "Download my data" in Settings, for a banned account, and the archive's offline viewer, in a real browser. */
class ExportWebTest extends BrowserTest {

    @Test
    void aBannedAccountDownloadsItsDataAndReadsItOfflineInTheArchivesViewer() throws Exception {
        try (TestServer server = new TestServer(dir.resolve("data"))) {
            User admin = server.registerWith("admin", Role.ADMIN);
            Friends friends = friends(server, desktop(), desktop());
            ChatPage alice = friends.alice(), bob = friends.bob();
            alice.openChatWith("bob");
            alice.send("see you at the lake on sunday");
            bob.openChatWith("alice");
            bob.send("bring the <good> cake & the kids");
            byte[] photo = Images.encode(Images.photo(3, 480, 320), "png", 1);
            alice.attachImage("lake.png", photo);
            alice.clickSend();
            assertThat(bob.messages().getByRole(AriaRole.IMG)).hasCount(1);

            Response ban = admin.api().post("/api/v1/moderation/accounts/" + alice.user(server).id() + "/sanctions",
                    Map.of("kind", "ban", "reason", "Repeated scam links to group members"));
            assertThat(ban.status()).isEqualTo(201);
            alice.logOut();
            alice.logInByKeyboard();
            assertThat(alice.sanctionBanner()).containsText("banned");

            alice.goToSettings();
            Page page = alice.page();
            Locator panel = page.locator(".settings");
            assertThat(panel.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Your data"))).isVisible();
            Locator button = panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download my data"));
            assertThat(button).isEnabled();
            Download download = page.waitForDownload(new Page.WaitForDownloadOptions().setTimeout(60_000), button::click);
            assertThat(download.suggestedFilename()).matches("stoa-export-alice-\\d{4}-\\d{2}-\\d{2}\\.zip");
            Path archive = dir.resolve(download.suggestedFilename());
            download.saveAs(archive);
            assertThat(panel.locator(".export-status")).hasText("Saved as " + download.suggestedFilename() + ".");
            assertThat(panel.locator(".export-details")).containsText("SHA-256");
            assertThat(panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download again"))).isVisible();
            alice.screenshot("settings-export");

            Ed25519PublicKey serverKey = Ed25519PublicKey.parse(
                    server.anonymous().get("/.well-known/stoa/keys").json().at("/keys/0/x").asText()).orElseThrow();
            assertThat(ArchiveVerifier.verify(archive, Optional.of(List.of(serverKey))).username()).isEqualTo("alice");

            Path folder = unzip(archive, dir.resolve("unzipped"));
            Page viewer = desktop().newPage();
            List<String> requested = new CopyOnWriteArrayList<>();
            viewer.onRequest(r -> requested.add(r.url()));
            viewer.navigate(folder.resolve("index.html").toUri().toString());
            assertThat(viewer.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(Pattern.compile("data from Stoa$"));
            Locator chat = viewer.locator("details", new Page.LocatorOptions().setHasText("Direct chat with bob"));
            chat.locator("summary").click();
            assertThat(chat).containsText("see you at the lake on sunday");
            assertThat(chat).containsText("bring the <good> cake & the kids");
            assertThat(chat.getByRole(AriaRole.IMG)).hasJSProperty("complete", true);
            assertThat((Integer) chat.getByRole(AriaRole.IMG).evaluate("img => img.naturalWidth")).isEqualTo(480);
            assertThat(viewer.locator("#moderation")).containsText("Repeated scam links to group members");
            viewer.screenshot(new Page.ScreenshotOptions().setPath(ChatPage.SCREENSHOTS.resolve("export-viewer.png")).setFullPage(true));
            assertThat(requested).as("the viewer loads only the files beside it").allMatch(url -> url.startsWith("file:"));
        }
    }

    private static Path unzip(Path archive, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into)).as(e.getName()).isTrue();
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target);
                }
            }
        }
        return into;
    }
}
