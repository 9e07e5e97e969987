package org.stoa.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.Role;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * Who may sanction whom, over the real API: moderators sanction users only, admins sanction
 * anyone but themselves, and a moderator or admin under a sanction has no staff powers until it ends.
 */
class StaffRolesTest {

    @TempDir
    Path dir;
    TestServer server;
    User admin;
    User otherAdmin;
    User moderator;
    User otherModerator;
    User user;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        admin = server.registerWith("admin", Role.ADMIN);
        otherAdmin = server.registerWith("admin", Role.ADMIN);
        moderator = server.registerWith("mod", Role.MODERATOR);
        otherModerator = server.registerWith("mod", Role.MODERATOR);
        user = server.register("user");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Response sanction(User by, User target, String kind, String duration) {
        return by.api().post("/api/v1/moderation/accounts/" + target.id() + "/sanctions",
                Map.of("kind", kind, "duration", duration, "reason", "a reason the account can read"));
    }

    private static Response lift(User by, long sanctionId) {
        return by.api().post("/api/v1/moderation/sanctions/" + sanctionId + "/lift", Map.of("reason", "lifted early after a talk"));
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
    }

    @Test
    void moderatorsSanctionUsersButNeitherModeratorsNorAdmins() {
        Response onModerator = sanction(moderator, otherModerator, "suspension", "1d");
        assertProblem(onModerator, 403, "staff_protected");
        assertThat(onModerator.json().get("targetRole").asText()).isEqualTo("moderator");
        Response onAdmin = sanction(moderator, admin, "ban", "7d");
        assertProblem(onAdmin, 403, "staff_protected");
        assertThat(onAdmin.json().get("targetRole").asText()).isEqualTo("admin");
        assertThat(otherModerator.api().get("/api/v1/me/sanctions").json().get("sanctions")).as("nothing imposed").isEmpty();
        assertThat(admin.api().get("/api/v1/me/sanctions").json().get("sanctions")).isEmpty();

        assertThat(sanction(moderator, user, "suspension", "1d").status()).as("users are any moderator's to sanction").isEqualTo(201);
    }

    @Test
    void nobodySanctionsThemselvesNorLiftsTheirOwnSanction() {
        assertProblem(sanction(moderator, moderator, "suspension", "1d"), 403, "cannot_sanction_self");
        assertProblem(sanction(admin, admin, "ban", "1d"), 403, "cannot_sanction_self");

        Response restricted = admin.api().post("/api/v1/moderation/accounts/" + otherAdmin.id() + "/sanctions", Map.of(
                "kind", "restriction", "features", List.of("create_group"), "duration", "1d",
                "reason", "groups made to spam, see report 4"));
        assertThat(restricted.status()).as(restricted.toString()).isEqualTo(201);
        long sanctionId = restricted.json().at("/sanction/id").asLong();
        // Under the sanction the admin has no staff powers at all; that refusal comes first.
        assertProblem(lift(otherAdmin, sanctionId), 403, "staff_powers_suspended");
        assertProblem(lift(moderator, sanctionId), 403, "staff_protected");
        assertThat(lift(admin, sanctionId).status()).isEqualTo(200);
    }

    @Test
    void aBannedAdminHasNoStaffPowersUntilTheBanEnds() {
        Response banned = sanction(admin, otherAdmin, "ban", "2d");
        assertThat(banned.status()).as(banned.toString()).isEqualTo(201);
        long decisionId = banned.json().get("id").asLong();
        Response userSuspended = sanction(moderator, user, "suspension", "1d");
        long usersDecision = userSuspended.json().get("id").asLong();

        StaffCalls staffCalls = new StaffCalls(otherAdmin);
        for (Response r : staffCalls.all(user)) {
            assertProblem(r, 403, "staff_powers_suspended");
            assertThat(r.json().at("/sanction/kind").asText()).isEqualTo("ban");
            assertThat(r.json().at("/sanction/decisionId").asLong()).isEqualTo(decisionId);
        }
        assertThat(otherAdmin.api().get("/api/v1/decisions/" + usersDecision).status())
                .as("another account's decision is not theirs to read now").isEqualTo(404);
        // What any user keeps: reading their sanctions and the decision, to appeal it.
        assertThat(otherAdmin.api().get("/api/v1/me/sanctions").json().at("/sanctions/0/kind").asText()).isEqualTo("ban");
        assertThat(otherAdmin.api().get("/api/v1/decisions/" + decisionId).status()).isEqualTo(200);
        assertThat(otherAdmin.api().get("/api/v1/me").json().get("role").asText()).as("the role stays, unused")
                .isEqualToIgnoringCase("admin");

        server.clock().advance(Duration.ofDays(2).plusMinutes(1));
        for (Response r : staffCalls.all(user)) {
            assertThat(r.code()).as(r.toString()).isNotEqualTo("staff_powers_suspended");
            assertThat(r.status()).as(r.toString()).isLessThan(400);
        }
    }

    @Test
    void aModeratorsPowersComeBackWhenAnAdminLiftsTheSuspension() {
        Response suspended = sanction(admin, moderator, "suspension", "30d");
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(201);
        assertProblem(moderator.api().get("/api/v1/moderation/queue"), 403, "staff_powers_suspended");
        assertProblem(sanction(moderator, user, "suspension", "1d"), 403, "staff_powers_suspended");
        assertProblem(moderator.api().get("/api/v1/moderation/appeals"), 403, "staff_powers_suspended");

        assertThat(lift(admin, suspended.json().at("/sanction/id").asLong()).status()).isEqualTo(200);
        assertThat(moderator.api().get("/api/v1/moderation/queue").status()).isEqualTo(200);
        assertThat(sanction(moderator, user, "suspension", "1d").status()).isEqualTo(201);
    }

    @Test
    void usersGetNotAllowedAndModeratorsCannotDoAdminsWork() {
        assertProblem(user.api().get("/api/v1/moderation/queue"), 403, "not_allowed");
        assertProblem(sanction(user, user, "suspension", "1d"), 403, "not_allowed");
        assertProblem(moderator.api().put("/api/v1/admin/accounts/" + user.id() + "/role", Map.of("role", "moderator")),
                403, "not_allowed");
        assertProblem(moderator.api().delete("/api/v1/admin/accounts/" + user.id() + "/sessions"), 403, "not_allowed");
    }

    /** One call of each kind of staff work, as {@code staff}; each answers below 400 for an admin in good standing. */
    private record StaffCalls(User staff) {
        List<Response> all(User someone) {
            return List.of(
                    staff.api().get("/api/v1/moderation/queue"),
                    staff.api().get("/api/v1/moderation/accounts/" + someone.id()),
                    staff.api().get("/api/v1/moderation/audit"),
                    staff.api().get("/api/v1/moderation/banks"),
                    staff.api().get("/api/v1/moderation/policy"),
                    staff.api().get("/api/v1/moderation/appeals"),
                    staff.api().put("/api/v1/admin/accounts/" + someone.id() + "/role", Map.of("role", "user")),
                    staff.api().delete("/api/v1/admin/accounts/" + someone.id() + "/sessions"));
        }
    }

    @Test
    void aModeratorRemovesStaffMessagesButGivesTheirSendersNoStrikes() {
        server.befriend(admin, moderator);
        long chat = server.direct(admin, moderator);
        long adminsMessage = admin.send(chat, "a1", "see you at the meeting").id();
        Response withStrikes = moderator.api().post("/api/v1/moderation/messages/" + adminsMessage + "/remove",
                Map.of("reason", "off-topic advertising", "ruleId", "gambling-ads"));
        assertProblem(withStrikes, 403, "staff_protected");
        long ownMessage = moderator.send(chat, "m1", "my own words").id();
        assertProblem(moderator.api().post("/api/v1/moderation/messages/" + ownMessage + "/remove",
                Map.of("reason", "removing my own with a strike", "ruleId", "gambling-ads")), 403, "cannot_sanction_self");
        assertThat(admin.api().get("/api/v1/me/sanctions").json().get("activeStrikes").asInt()).isZero();

        assertThat(moderator.api().post("/api/v1/moderation/messages/" + adminsMessage + "/remove",
                Map.of("reason", "posted in the wrong chat")).status()).as("removal alone, no rule, no strikes").isEqualTo(200);
        assertThat(otherAdmin.api().post("/api/v1/moderation/messages/" + ownMessage + "/remove",
                Map.of("reason", "gambling advertising", "ruleId", "gambling-ads")).status()).as("an admin may").isEqualTo(200);
        assertThat(moderator.api().get("/api/v1/me/sanctions").json().get("activeStrikes").asInt()).isPositive();
    }
}
