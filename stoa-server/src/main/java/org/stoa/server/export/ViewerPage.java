package org.stoa.server.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.Account;
import org.stoa.server.appeals.AppealView;
import org.stoa.server.contacts.ContactView;
import org.stoa.server.conversations.ConversationView;
import org.stoa.server.conversations.MemberRole;
import org.stoa.server.conversations.MemberView;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.moderation.ReportService.Report;

/**
 * {@code index.html}, the archive's offline viewer: one static page (no script) showing the
 * account, its contacts and groups, every conversation with its images, and what moderation
 * decided, from the files beside it. A Content-Security-Policy lets it load nothing but those
 * images, so opening it never reaches the network. Written to a file of its own as the archive's
 * sections go by, and copied into the archive at the end, so it never sits in memory either.
 */
final class ViewerPage implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1f24;background:#fff}
            h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}nav a{margin-right:1rem}
            table{border-collapse:collapse;width:100%}td,th{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #eaeef2}
            details{border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0;padding:.3rem .8rem}summary{cursor:pointer;font-weight:600}
            ol.messages{list-style:none;padding:0}ol.messages li{margin:.6rem 0;padding-left:.6rem;border-left:3px solid #d0d7de}
            li.mine{border-left-color:#0969da}.meta{color:#57606a;font-size:.85rem;margin:0}.text{white-space:pre-wrap;margin:.1rem 0}
            .state{color:#9a6700;font-style:italic}img{max-width:min(100%,24rem);height:auto;display:block;margin:.3rem 0;border-radius:4px}
            .muted{color:#57606a}
            """;

    private final Path file;
    private final Writer out;
    private final Account account;

    private ViewerPage(Path file, Writer out, Account account) {
        this.file = file;
        this.out = out;
        this.account = account;
    }

    static ViewerPage create(Path file, Account account, Instant createdAt) throws IOException {
        ViewerPage page = new ViewerPage(file, new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16), account);
        String name = esc(account.username());
        page.out.write("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + name + "'s data from Stoa</title><style>" + STYLE + "</style></head><body>\n"
                + "<header><h1>" + name + "'s data from Stoa</h1>\n<p class=\"muted\">Exported " + time(createdAt)
                + ". This page shows the files beside it and loads nothing from the network. <code>manifest.json</code> lists"
                + " every file with its SHA-256, signed by the server; check the archive with <code>stoa export verify</code>.</p>\n"
                + "<nav><a href=\"#account\">Account</a><a href=\"#contacts\">Contacts</a><a href=\"#groups\">Groups</a>"
                + "<a href=\"#conversations\">Conversations</a><a href=\"#moderation\">Moderation</a></nav></header>\n"
                + "<section id=\"account\"><h2>Account</h2><table><tr><th>Username</th><td>" + name + "</td></tr>"
                + "<tr><th>Account id</th><td>" + account.id() + "</td></tr><tr><th>Role</th><td>" + WireName.of(account.role())
                + "</td></tr><tr><th>Created</th><td>" + time(account.createdAt()) + "</td></tr></table></section>\n");
        return page;
    }

    void contacts(List<ContactView> contacts, List<ContactView> blocked) throws IOException {
        out.write("<section id=\"contacts\"><h2>Contacts</h2>\n");
        people(contacts, "No contacts.", "Contact since");
        out.write("<h3>Blocked</h3>\n");
        people(blocked, "Nobody blocked.", "Blocked since");
        out.write("</section>\n");
    }

    private void people(List<ContactView> people, String none, String since) throws IOException {
        if (people.isEmpty()) {
            out.write("<p class=\"muted\">" + none + "</p>\n");
            return;
        }
        out.write("<table><tr><th>Username</th><th>" + since + "</th></tr>\n");
        for (ContactView c : people) out.write("<tr><td>" + esc(c.username()) + "</td><td>" + time(c.since()) + "</td></tr>\n");
        out.write("</table>\n");
    }

    void groups(List<ConversationView> groups) throws IOException {
        out.write("<section id=\"groups\"><h2>Groups</h2>\n");
        if (groups.isEmpty()) out.write("<p class=\"muted\">No groups.</p>\n");
        for (ConversationView g : groups) {
            out.write("<h3>" + esc(g.title()) + "</h3><p class=\"muted\">" + g.members().size() + " members: ");
            StringBuilder names = new StringBuilder();
            for (MemberView m : g.members()) {
                if (!names.isEmpty()) names.append(", ");
                names.append(esc(m.username())).append(m.role() == MemberRole.MEMBER ? "" : " (" + WireName.of(m.role()) + ")");
            }
            out.write(names + "</p>\n");
        }
        out.write("</section>\n");
    }

    void conversationsStart() throws IOException {
        out.write("<section id=\"conversations\"><h2>Conversations</h2>\n");
    }

    void conversationStart(long id, String title, String file) throws IOException {
        out.write("<details id=\"conversation-" + id + "\"><summary>" + esc(title) + "</summary>\n<p class=\"muted\">Also in <code>"
                + esc(file) + "</code>.</p><ol class=\"messages\">\n");
    }

    void message(ConversationSection.Line m) throws IOException {
        out.write("<li class=\"" + (m.sender().equals(account.username()) ? "mine" : "theirs") + "\"><p class=\"meta\"><b>"
                + esc(m.sender()) + "</b> <time datetime=\"" + m.sentAt() + "\">" + time(m.sentAt()) + "</time>");
        String state = m.recalledAt() != null ? "recalled" : m.moderation() != null ? m.moderation().notice() : null;
        if (state != null) out.write(" <span class=\"state\">" + esc(state) + "</span>");
        out.write("</p>");
        if (m.text() != null) out.write("<p class=\"text\">" + esc(m.text()) + "</p>");
        if (m.media() != null && m.media().contentType().startsWith("image/")) {
            out.write("<img src=\"" + esc(m.media().file()) + "\" width=\"" + m.media().width() + "\" height=\"" + m.media().height()
                    + "\" loading=\"lazy\" alt=\"an image from " + esc(m.sender()) + "\">");
        } else if (m.media() != null) {
            // A file (a PDF, an archive...) is linked to, never shown in the page.
            out.write("<p><a href=\"" + esc(m.media().file()) + "\" download>a file (" + esc(m.media().contentType()) + ")</a></p>");
        }
        out.write("</li>\n");
    }

    void conversationEnd(long messages) throws IOException {
        out.write("</ol><p class=\"muted\">" + messages + (messages == 1 ? " message" : " messages") + ".</p></details>\n");
    }

    void conversationsEnd(boolean none) throws IOException {
        if (none) out.write("<p class=\"muted\">No conversations.</p>\n");
        out.write("</section>\n");
    }

    void decisionsStart() throws IOException {
        out.write("<section id=\"moderation\"><h2>Moderation</h2>\n<h3>Decisions about you</h3>\n"
                + "<table><tr><th>When</th><th>What</th><th>Why</th><th>Appeal</th></tr>\n");
    }

    void decision(DecisionView v) throws IOException {
        var d = v.decision();
        String why = d.ruleTitle() != null ? d.ruleTitle() + " (rule " + d.ruleId() + ", version " + d.ruleVersion() + ")"
                : d.moderatorReason() != null ? d.moderatorReason() : "";
        out.write("<tr><td>" + time(d.createdAt()) + "</td><td>" + esc(WireName.of(d.outcome()))
                + (d.visibility() != null ? ": " + esc(d.visibility()) : "") + "</td><td>" + esc(why) + "</td><td>"
                + (d.appealableUntil() != null ? "until " + time(d.appealableUntil()) : "") + "</td></tr>\n");
    }

    void moderationEnd(List<Sanction> sanctions, List<AppealView> appeals, List<Report> reports) throws IOException {
        out.write("</table>\n<h3>Sanctions</h3>\n");
        if (sanctions.isEmpty()) out.write("<p class=\"muted\">None.</p>\n");
        else {
            out.write("<table><tr><th>Kind</th><th>From</th><th>Until</th><th>Lifted</th></tr>\n");
            for (Sanction s : sanctions) {
                out.write("<tr><td>" + WireName.of(s.kind()) + "</td><td>" + time(s.startsAt()) + "</td><td>"
                        + (s.endsAt() == null ? "permanent" : time(s.endsAt())) + "</td><td>"
                        + (s.liftedAt() == null ? "" : time(s.liftedAt()) + (s.liftReason() == null ? "" : ": " + esc(s.liftReason())))
                        + "</td></tr>\n");
            }
            out.write("</table>\n");
        }
        out.write("<h3>Your appeals</h3>\n");
        if (appeals.isEmpty()) out.write("<p class=\"muted\">None.</p>\n");
        else {
            out.write("<table><tr><th>Filed</th><th>Decision</th><th>Status</th><th>Outcome</th></tr>\n");
            for (AppealView a : appeals) {
                out.write("<tr><td>" + time(a.filedAt()) + "</td><td>" + a.decisionId() + "</td><td>" + WireName.of(a.status())
                        + "</td><td>" + (a.outcome() == null ? "" : WireName.of(a.outcome()) + ": " + esc(a.reason())) + "</td></tr>\n");
            }
            out.write("</table>\n");
        }
        out.write("<h3>Your reports</h3>\n");
        if (reports.isEmpty()) out.write("<p class=\"muted\">None.</p>\n");
        else {
            out.write("<table><tr><th>Filed</th><th>Reason</th><th>Outcome</th></tr>\n");
            for (Report r : reports) {
                out.write("<tr><td>" + time(r.createdAt()) + "</td><td>" + esc(r.reason()) + "</td><td>"
                        + (r.outcome() == null ? "open" : esc(r.outcome())) + "</td></tr>\n");
            }
            out.write("</table>\n");
        }
        out.write("</section>\n</body></html>\n");
    }

    /** The finished page. */
    Path finish() throws IOException {
        out.close();
        return file;
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(file);
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** Text as HTML text or attribute value. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
