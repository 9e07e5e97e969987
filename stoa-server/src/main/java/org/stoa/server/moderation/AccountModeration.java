package org.stoa.server.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.Mode;
import org.stoa.engine.policy.Rule;
import org.stoa.engine.review.RuleRef;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.DecisionDraft;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.storage.Writer;

/** An account as moderators review it (strikes, sanctions, decisions), and their sanctions on it. */
public final class AccountModeration {

    public record AccountReview(Account account, int activeStrikes, List<Sanction> activeSanctions, List<Sanction> sanctions,
                                List<DecisionRecord> decisions) {}

    private final Writer writer;
    private final AccountStore accounts;
    private final AccountManager sessions;
    private final Enforcer enforcer;
    private final SanctionManager sanctions;
    private final PolicyManager policy;
    private final Staff staff;

    public AccountModeration(Writer writer, AccountManager accounts, Enforcer enforcer, SanctionManager sanctions,
                             PolicyManager policy, Staff staff) {
        this.writer = writer;
        this.accounts = accounts.store();
        this.sessions = accounts;
        this.enforcer = enforcer;
        this.sanctions = sanctions;
        this.policy = policy;
        this.staff = staff;
    }

    public AccountReview review(Principal moderator, String username) {
        staff.require(moderator);
        if (username == null || username.isBlank()) throw ApiException.badRequest("missing_username", "give ?username=");
        Account a = accounts.findByUsername(AccountManager.canonicalUsername(username))
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account named '" + username + "'"));
        return review(a);
    }

    public AccountReview review(Principal moderator, long accountId) {
        staff.require(moderator);
        return review(account(accountId));
    }

    private AccountReview review(Account a) {
        return new AccountReview(a, sanctions.activeStrikes(a.id()), sanctions.active(a.id()), sanctions.history(a.id()),
                enforcer.decisionsOf(a.id()));
    }

    /**
     * A moderator's sanction: a restriction (features and duration), a suspension (duration) or a
     * ban (permanent unless a duration is given). Always with a written reason; {@code ruleId}
     * (optional) names the enforced rule it rests on, which gives the sanction its category.
     * Moderators and admins are sanctioned by admins only, and nobody sanctions themselves
     * ({@link Staff#requireMaySanction}). With {@code endSessions} every session of the account ends
     * too once the sanction is recorded (its open streams close, its tickets lapse), e.g. for an
     * account taken over; it may log in again.
     */
    public DecisionView sanction(Principal moderator, long accountId, SanctionKind kind, Set<Feature> features,
                                 Duration duration, String rawReason, String ruleId, boolean endSessions) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        Account target = account(accountId);
        staff.requireMaySanction(moderator, target);
        RuleRef rule = ruleId == null ? null : policy.rule(ruleId).map(Rule::ref)
                .filter(r -> r.mode() == Mode.ENFORCE)
                .orElseThrow(() -> ApiException.badRequest("unknown_rule", "the policy has no enforced rule '" + ruleId + "'"));
        if (kind == SanctionKind.WARNING) throw ApiException.badRequest("invalid_sanction", "warnings come from the ladder");
        if (kind.onChannel()) {
            throw ApiException.badRequest("invalid_sanction", "'" + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + "' is a channel's sanction: POST /api/v1/moderation/channels/{id}/sanctions");
        }
        if (kind == SanctionKind.RESTRICTION && features.isEmpty()) {
            throw ApiException.badRequest("invalid_sanction", "a restriction names the features it takes away");
        }
        if (kind != SanctionKind.BAN && duration == null) {
            throw ApiException.badRequest("invalid_sanction", "restrictions and suspensions need a duration, e.g. 24h or 7d");
        }
        DecisionView imposed = writer.execute(tx -> enforcer.sanction(tx,
                DecisionDraft.sanction(target.id(), moderator.accountId(), reason, rule),
                kind, features, duration == null ? null : Instant.ofEpochMilli(tx.now()).plus(duration)));
        if (endSessions) sessions.revokeSessions(target.id());
        return imposed;
    }

    /** Lifts a sanction, with a written reason; a staff account's by an admin only, and nobody their own. */
    public DecisionView lift(Principal moderator, long sanctionId, String rawReason) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        return writer.execute(tx -> {
            Optional<Sanction> sanction = enforcer.sanction(tx.handle(), sanctionId);
            if (sanction.isPresent()) {
                staff.requireMaySanction(moderator, accounts.findById(tx.handle(), sanction.get().accountId()).orElseThrow());
            }
            return enforcer.lift(tx, sanctionId, moderator.accountId(), reason);
        }).orElseThrow(() -> ApiException.notFound("sanction_not_found", "no sanction " + sanctionId + " in force"));
    }

    private Account account(long accountId) {
        return accounts.findById(accountId)
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account " + accountId));
    }
}
