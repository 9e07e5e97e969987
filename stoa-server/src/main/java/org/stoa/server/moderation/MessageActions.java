package org.stoa.server.moderation;

import org.stoa.engine.policy.Rule;
import org.stoa.engine.policy.WireName;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.RuleRef;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.conversations.MessageModeration;
import org.stoa.server.conversations.MessageStatus;
import org.stoa.server.conversations.MessageView;
import org.stoa.server.enforcement.DecisionDraft;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionSubject;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.http.ApiException;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;

/**
 * What happens to a message after it was sent: a moderator approves or removes a held one, or
 * removes a delivered one; OCR withdraws an image whose text breaks a rule. Each records a decision
 * with its reason, in the same transaction as the change, and tells the people affected.
 */
public final class MessageActions {

    private final Writer writer;
    private final MessageModeration messages;
    private final Enforcer enforcer;
    private final ReportService reports;
    private final PolicyManager policy;
    private final BankService banks;
    private final Staff staff;
    private final AccountStore accounts;

    public MessageActions(Writer writer, MessageModeration messages, Enforcer enforcer, ReportService reports,
                          PolicyManager policy, BankService banks, Staff staff, AccountStore accounts) {
        this.writer = writer;
        this.messages = messages;
        this.enforcer = enforcer;
        this.reports = reports;
        this.policy = policy;
        this.banks = banks;
        this.staff = staff;
        this.accounts = accounts;
    }

    /** A held message goes out after all, at the end of the timeline. */
    public MessageView approve(Principal moderator, long messageId, String rawReason) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        return writer.execute(tx -> {
            MessageView m = messages.find(tx.handle(), messageId);
            if (m.status() != MessageStatus.HELD) throw ApiException.conflict("not_held", "only held messages can be approved");
            DecisionView d = enforcer.record(tx, DecisionDraft.approval(subject(tx, m), moderator.accountId(), reason));
            enforcer.reviewed(tx, m.id(), m.moderation().decisionId());
            return messages.release(tx, m, d.decision().id());
        });
    }

    /**
     * Removes a held or delivered message for everyone. {@code ruleId} (optional) is the rule it
     * broke: then the sender gets that rule's strikes, so the sender must be someone this moderator
     * may sanction (a moderator's or admin's message is removed with strikes by an admin only, and
     * nobody's own). Open reports about it are resolved.
     */
    public DecisionView remove(Principal moderator, long messageId, String rawReason, String ruleId) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        if (ruleId != null) policy.rule(ruleId).orElseThrow(() -> ApiException.badRequest("unknown_rule", "the policy has no rule '" + ruleId + "'"));
        return writer.execute(tx -> {
            MessageView m = messages.find(tx.handle(), messageId);
            boolean held = m.status() == MessageStatus.HELD;
            if (m.moderation() != null && !held) {
                throw ApiException.conflict("already_removed", "this message was already " + WireName.of(m.status()));
            }
            boolean reported = reports.openAbout(tx, m.id());
            // Removing a held message confirms the automated hold: its rule is the ground unless the moderator names another.
            String groundId = ruleId != null ? ruleId
                    : held ? enforcer.view(tx.handle(), m.moderation().decisionId()).orElseThrow().decision().ruleId() : null;
            RuleRef rule = groundId == null ? null : policy.rule(groundId).map(Rule::ref).orElse(null);
            if (rule != null) staff.requireMaySanction(moderator, accounts.findById(tx.handle(), m.senderId()).orElseThrow());
            DecisionView d = takeDown(tx, m, MessageStatus.REMOVED,
                    DecisionDraft.removal(subject(tx, m), rule, held, reported, moderator.accountId(), reason));
            reports.resolveAboutMessage(tx, m.id(), "the message was removed", d.decision().id());
            return d;
        });
    }

    /** OCR found a rule broken in a delivered image: withdraw it and bank its hashes, so its next send is refused. */
    void withdraw(long messageId, String sha256, Decision decision) {
        banks.addToOcrBank(sha256, "withdrawn after OCR: " + decision.primary().map(h -> h.rule().id()).orElse(""));
        writer.execute(tx -> {
            MessageView m = messages.current(tx.handle(), messageId).orElse(null);
            if (m == null || m.status() != MessageStatus.DELIVERED || m.recalledAt() != null) return null; // gone meanwhile
            DecisionSubject subject = DecisionSubject.message(m.senderId(), m.conversationId(), m.id(), "image " + m.mediaId())
                    .withImage(sha256);
            takeDown(tx, m, MessageStatus.WITHDRAWN, DecisionDraft.withdrawal(subject, decision));
            return null;
        });
    }

    /** Records shadow hits of a check after delivery (what the rule would have done). */
    void recordShadow(MessageView m, String sha256, Decision decision) {
        if (decision.hits().isEmpty()) return;
        DecisionSubject subject = DecisionSubject.message(m.senderId(), m.conversationId(), m.id(), "image " + m.mediaId())
                .withImage(sha256);
        writer.execute(tx -> enforcer.recordReview(tx, subject, decision, Outcome.FLAGGED));
    }

    private DecisionView takeDown(Tx tx, MessageView m, MessageStatus status, DecisionDraft draft) {
        DecisionView d = enforcer.record(tx, draft);
        enforcer.reviewed(tx, m.id(), m.moderation() == null ? null : m.moderation().decisionId());
        messages.takeDown(tx, m, status, d.decision().id());
        return d;
    }

    private DecisionSubject subject(Tx tx, MessageView m) {
        return DecisionSubject.message(m.senderId(), m.conversationId(), m.id(), messages.content(tx.handle(), m.id()).excerpt());
    }
}
