package org.stoa.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.stoa.server.accounts.Role;

/**
 * Four days of moderation on a server running the sample policy, through the real API, for the
 * transparency report to count: refusals found by a term list, a regex, an exact and a perceptual
 * image hash; an image withdrawn for its text (OCR); held messages released, removed and still
 * waiting; reports acted on, dismissed and open; a moderator's suspension; appeals upheld, reversed
 * and modified; and on a later day, outside the first three, one more refusal.
 */
public final class ModerationHistory {

    public static final String REVERSE_REASON = "Read in full this invites a friend to a film; nothing was advertised.";
    public static final String UPHOLD_REASON = "The link imitates a payment site's login page; the refusal stands.";
    public static final String MODIFY_REASON = "A suspension was right, but three days was more than this called for.";

    public final User admin;
    public final User moderator;
    /** Everyone whose content or account was decided about, and who reported: none may be named in a statement. */
    public final List<User> people;
    /** What they sent: none of it may be quoted in a statement. */
    public final List<String> texts;
    /** The first day, and the last of the first three (the later refusal is two days after). */
    public final LocalDate firstDay;
    public final LocalDate thirdDay;
    public final LocalDate laterDay;

    private ModerationHistory(User admin, User moderator, List<User> people, List<String> texts, LocalDate firstDay) {
        this.admin = admin;
        this.moderator = moderator;
        this.people = people;
        this.texts = texts;
        this.firstDay = firstDay;
        this.thirdDay = firstDay.plusDays(2);
        this.laterDay = firstDay.plusDays(4);
    }

    public static ModerationHistory write(TestServer server) {
        MutableClock clock = server.clock();
        // Each day's events take a few hours from 01:00 UTC, so that none spills into the next day.
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        clock.advance(Duration.between(clock.instant(), startOf(firstDay).plus(Duration.ofHours(1))));
        User admin = server.registerWith("chief", Role.ADMIN);
        User moderator = server.registerWith("mod", Role.MODERATOR);
        User friend = server.register("friend");
        User gambler = server.register("gambler");
        User phisher = server.register("phisher");
        User lurer = server.register("lurer");
        User seller = server.register("seller");
        User bannerSender = server.register("banner");
        User copier = server.register("copier");
        User ocrSender = server.register("poster");
        User rude = server.register("rude");
        User suspended = server.register("suspended");
        User late = server.register("late");
        List<User> people = List.of(friend, gambler, phisher, lurer, seller, bannerSender, copier, ocrSender, rude, suspended, late);
        List<String> texts = List.of("best online casino, free spins tonight", "log in at http://paypa1.com/login today",
                "get it from http://files.example/app.apk", "buy followers here", "cheap followers for you",
                "buy followers, real ones", "you are all idiots", "see you at the cinema", "online casino again");

        // Day 1: refusals by a term list, a regex (twice: the malware lure is severe and restricts at once);
        // three held messages: one released, one removed, one still waiting.
        long gamblerChat = chat(server, gambler, friend);
        refused(gambler.send(gamblerChat, "t1", texts.get(0)));
        long phisherChat = chat(server, phisher, friend);
        long phishing = refused(phisher.send(phisherChat, "r1", texts.get(1)));
        long lurerChat = chat(server, lurer, friend);
        refused(lurer.send(lurerChat, "r2", texts.get(2)));
        long sellerChat = chat(server, seller, friend);
        long[] held = new long[3];
        for (int i = 0; i < 3; i++) {
            Response r = seller.send(sellerChat, "h" + i, texts.get(3 + i));
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            held[i] = r.id();
        }
        clock.advance(Duration.ofMinutes(40));
        ok(moderator.api().post("/api/v1/moderation/messages/" + held[0] + "/approve", Map.of("reason", "a joke between friends")));
        clock.advance(Duration.ofMinutes(80));
        ok(moderator.api().post("/api/v1/moderation/messages/" + held[1] + "/remove", Map.of("reason", "selling followers")));

        // Day 2: a banked image refused by its exact hash, a resized copy by its perceptual hash, and an
        // image withdrawn after delivery for the text in it; a report acted on, one dismissed, one left open.
        clock.advance(Duration.ofDays(1));
        BufferedImage photo = Images.photo(7, 900, 600);
        byte[] original = Images.encode(photo, "png", 1);
        Response banked = moderator.api().send(moderator.api().request("/api/v1/moderation/banks/scam-banners/entries?reason=scam+banner")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(original)));
        assertThat(banked.status()).as(banked.toString()).isEqualTo(201);
        refused(sendImage(bannerSender, chat(server, bannerSender, friend), "i1", original, "image/png"));
        refused(sendImage(copier, chat(server, copier, friend), "i2", Images.encode(Images.resize(photo, 630, 420), "jpeg", 0.8f),
                "image/jpeg"));
        Response poster = sendImage(ocrSender, chat(server, ocrSender, friend), "o1",
                Images.encode(Images.banner("ONLINE CASINO", 1000, 300), "png", 1), "image/png");
        assertThat(poster.status()).as(poster.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> decisions(ocrSender).contains("\"outcome\":\"withdrawn\""));

        long rudeChat = chat(server, rude, friend);
        Response insult = rude.send(rudeChat, "x1", texts.get(6));
        Response harmless = rude.send(rudeChat, "x2", texts.get(7));
        assertThat(friend.api().post("/api/v1/reports", Map.of("messageId", insult.id(), "reason", "insults")).status()).isEqualTo(201);
        assertThat(friend.api().post("/api/v1/reports", Map.of("messageId", harmless.id(), "reason", "creepy")).status()).isEqualTo(201);
        assertThat(friend.api().post("/api/v1/reports", Map.of("accountId", rude.id(), "reason", "keeps bothering me")).status())
                .isEqualTo(201);
        clock.advance(Duration.ofHours(3));
        ok(moderator.api().post("/api/v1/moderation/messages/" + insult.id() + "/remove", Map.of("reason", "insults break the rules")));
        long dismissedReport = reportAbout(friend, harmless.id());
        Response dismissal = moderator.api().post("/api/v1/moderation/dismissals",
                Map.of("reportId", dismissedReport, "reason", "an ordinary invitation"));
        assertThat(dismissal.status()).as(dismissal.toString()).isEqualTo(204);
        Response suspension = moderator.api().post("/api/v1/moderation/accounts/" + suspended.id() + "/sanctions",
                Map.of("kind", "suspension", "duration", "3d", "reason", "spam sent to many people at once"));
        assertThat(suspension.status()).as(suspension.toString()).isEqualTo(201);
        long suspensionDecision = suspension.json().get("id").asLong();

        // Day 3: three appeals; the moderator reverses one and upholds one; an admin, being free of the
        // case, shortens the moderator's suspension.
        clock.advance(Duration.ofDays(1));
        long gamblerDecision = decisionIds(gambler).getFirst();
        long reversed = appeal(gambler, gamblerDecision, "reverse");
        long upheld = appeal(phisher, phishing, "reverse");
        long modified = appeal(suspended, suspensionDecision, "reduce");
        clock.advance(Duration.ofHours(5));
        ok(moderator.api().post("/api/v1/moderation/appeals/" + reversed + "/decide", Map.of("outcome", "reversed", "reason", REVERSE_REASON)));
        ok(moderator.api().post("/api/v1/moderation/appeals/" + upheld + "/decide", Map.of("outcome", "upheld", "reason", UPHOLD_REASON)));
        clock.advance(Duration.ofHours(2));
        ok(admin.api().post("/api/v1/moderation/appeals/" + modified + "/decide", Map.of("outcome", "modified", "reason", MODIFY_REASON,
                "sanction", Map.of("endsAt", clock.instant().plus(Duration.ofDays(1)).toString()))));

        // Two days later: one more refusal, outside the first three days.
        clock.advance(Duration.ofDays(2));
        refused(late.send(chat(server, late, friend), "l1", texts.get(8)));
        return new ModerationHistory(admin, moderator, people, texts, firstDay);
    }

    private static long chat(TestServer server, User a, User b) {
        server.befriend(a, b);
        return server.direct(a, b);
    }

    private static long refused(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        return r.json().get("decisionId").asLong();
    }

    private static void ok(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static Response sendImage(User u, long conversation, String clientId, byte[] bytes, String type) {
        Response up = u.api().upload(type, bytes);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        return u.api().post("/api/v1/conversations/" + conversation + "/messages",
                Map.of("clientId", clientId, "mediaId", up.json().get("id").asText()));
    }

    private static String decisions(User u) {
        return u.api().get("/api/v1/me/decisions").json().toString();
    }

    private static List<Long> decisionIds(User u) {
        return StreamSupport.stream(u.api().get("/api/v1/me/decisions").json().spliterator(), false)
                .map(d -> d.get("id").asLong()).sorted().toList();
    }

    private static long reportAbout(User reporter, long messageId) {
        for (var r : reporter.api().get("/api/v1/reports").json()) {
            if (r.path("messageId").asLong() == messageId) return r.get("id").asLong();
        }
        throw new AssertionError("no report about message " + messageId);
    }

    private static long appeal(User u, long decisionId, String requested) {
        Response r = u.api().post("/api/v1/decisions/" + decisionId + "/appeals",
                Map.of("statement", "Please look at this decision again; it was not what it seemed.", "requestedOutcome", requested));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    /** The start of {@code day}, UTC. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
