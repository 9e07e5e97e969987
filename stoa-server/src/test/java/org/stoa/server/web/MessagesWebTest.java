package org.stoa.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.MouseButton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stoa.server.support.BrowserTest;
import org.stoa.server.support.ChatPage;
import org.stoa.server.support.Images;
import org.stoa.server.support.TestServer;

/**
 * A message's actions in a real browser, alice on a desktop and bob on a phone (390 px): the menu
 * by its hover button, right click, keyboard and long press; reply with a quote that jumps to its
 * original; edit (and an edit refused by the policy, leaving the text as it was); a photo with its
 * caption; a file downloaded as an attachment; forward; delete for me.
 */
class MessagesWebTest extends BrowserTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void replyEditCaptionFileForwardAndDeleteForMe() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            Friends friends = friends(server, desktop(), phone());
            ChatPage alice = friends.alice();
            ChatPage bob = friends.bob();
            alice.openChatWith("bob");
            bob.openChatWith("alice");
            Page alicePage = alice.page();

            bob.send("Are you coming on Friday?");
            assertThat(alice.message("Are you coming on Friday?")).isVisible();
            Locator question = alice.messages().first(); // its text is in the reply's quote too, later

            // The menu by its hover button: Reply, and the quote above the bubble on both sides.
            Locator menu = alice.openMessageMenu(question);
            assertThat(menu.getByRole(AriaRole.MENUITEM)).hasText(new String[] {"Reply", "Forward", "Copy text", "Report", "Delete for me"});
            alice.screenshot("message-menu");
            menu.getByRole(AriaRole.MENUITEM, new Locator.GetByRoleOptions().setName("Reply")).click();
            assertThat(alicePage.locator(".composer-context")).containsText("Replying to bob: Are you coming on Friday?");
            alice.send("Yes, at eight");
            Locator reply = bob.message("Yes, at eight");
            assertThat(reply.locator(".quote")).containsText("Are you coming on Friday?");
            assertThat(alice.message("Yes, at eight").locator(".quote")).containsText("bob");

            // Edit my own reply: the others see the new text and "edited".
            alice.messageAction(alice.message("Yes, at eight"), "Edit");
            assertThat(alice.messageBox()).hasValue("Yes, at eight");
            alice.send("Yes, at nine");
            assertThat(bob.message("Yes, at nine").locator(".edited")).hasText("edited");
            assertThat(bob.message("Yes, at nine").locator(".quote")).containsText("Are you coming on Friday?");

            // An edit the policy refuses says why, and the message keeps its text for everyone.
            alice.messageAction(alice.message("Yes, at nine"), "Edit");
            alice.send("Yes, after the online casino");
            assertThat(alicePage.locator(".composer .problem")).containsText("Not edited: Gambling");
            assertThat(alice.message("Yes, at nine")).isVisible();
            assertThat(bob.message("Yes, at nine")).isVisible();
            assertThat(bob.messages().filter(new Locator.FilterOptions().setHasText("casino"))).hasCount(0);
            alice.screenshot("edit-refused");
            alicePage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel")).click();

            // Keyboard: Enter on a focused message opens the menu, arrows move, Escape closes and gives focus back.
            Locator mine = alice.message("Yes, at nine");
            mine.focus();
            alicePage.keyboard().press("Enter");
            Locator open = alicePage.getByRole(AriaRole.MENU, new Page.GetByRoleOptions().setName("Message actions"));
            assertThat(open.getByRole(AriaRole.MENUITEM).first()).isFocused();
            alicePage.keyboard().press("ArrowDown");
            assertThat(open.getByRole(AriaRole.MENUITEM).nth(1)).isFocused();
            alicePage.keyboard().press("Escape");
            assertThat(open).hasCount(0);
            assertThat(mine).isFocused();
            // Right click opens the same menu where the pointer is.
            question.click(new Locator.ClickOptions().setButton(MouseButton.RIGHT));
            assertThat(open).isVisible();
            alicePage.keyboard().press("Escape");

            // On the phone, the quote jumps to its original and highlights it.
            reply = bob.message("Yes, at nine");
            reply.locator(".quote").click();
            assertThat(bob.messages().first()).hasClass(Pattern.compile("highlight"));
            bob.screenshot("reply-edited-phone");

            // A photo with its caption is one message; a file shows its name and size and downloads.
            alice.attachImage("kitchen.png", Images.encode("png", 640, 480));
            assertThat(alice.messageBox()).hasAttribute("placeholder", "Add a caption");
            alice.send("Our new kitchen");
            Locator captioned = bob.message("Our new kitchen");
            assertThat(captioned.getByRole(AriaRole.IMG)).isVisible();
            assertThat(bob.messages()).hasCount(3);

            alicePage.locator(".composer input[type=file]").setInputFiles(new FilePayload("minutes.pdf", "application/pdf", PDF));
            assertThat(alicePage.locator(".attachment")).containsText("minutes.pdf");
            alice.clickSend();
            Locator file = bob.message("minutes.pdf");
            assertThat(file.locator(".file-size")).hasText(PDF.length + " bytes");
            bob.screenshot("caption-file-phone");
            Download download = bob.page().waitForDownload(() ->
                    file.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download minutes.pdf")).click());
            assertThat(download.suggestedFilename()).isEqualTo("minutes.pdf");
            assertThat(Files.readAllBytes(download.path())).isEqualTo(PDF);

            // Long press on the phone: the menu; Delete for me takes the message from bob's view only.
            ChatPage.longPress(bob.message("Our new kitchen").locator(".bubble"));
            Locator phoneMenu = bob.page().getByRole(AriaRole.MENU, new Page.GetByRoleOptions().setName("Message actions"));
            assertThat(phoneMenu).isVisible();
            bob.screenshot("message-menu-phone");
            phoneMenu.getByRole(AriaRole.MENUITEM, new Locator.GetByRoleOptions().setName("Delete for me")).click();
            assertThat(bob.message("Our new kitchen")).hasCount(0);
            assertThat(alice.message("Our new kitchen")).isVisible();

            // Forward to another conversation: marked "Forwarded" there.
            alice.api(server).post("/api/v1/conversations", Map.of("type", "group", "title", "Weekend",
                    "members", List.of(bob.user(server).id())));
            alice.messageAction(question, "Forward");
            Locator dialog = alicePage.getByRole(AriaRole.DIALOG);
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Weekend")).click();
            assertThat(alicePage.locator(".toast").last()).containsText("Forwarded to Weekend.");
            alice.openConversation("Weekend");
            Locator forwarded = alice.message("Are you coming on Friday?");
            assertThat(forwarded.locator(".forwarded")).hasText("Forwarded");
            alice.screenshot("forwarded");
        }
    }
}
