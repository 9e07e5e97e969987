package org.stoa.server.enforcement;

import java.util.List;
import org.stoa.engine.policy.WireName;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.RuleHit;
import org.stoa.engine.review.RuleRef;
import org.stoa.server.enforcement.DecisionRecord.Automation;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionRecord.Source;
import org.stoa.server.enforcement.DecisionRecord.Status;

/**
 * A decision about to be recorded: what it is about, what happened, what it rests on and who took
 * it, and for an appeal's outcome the decision appealed. Each kind of decision has its own factory;
 * nothing builds one from loose arguments.
 */
public record DecisionDraft(DecisionSubject subject, Outcome outcome, String visibility, Ground ground, Origin origin,
                            Status status, Long appealOf) {

    /**
     * What a decision rests on: the rule (null for a moderator's own call), every hit with its
     * evidence (null when there was no automated match), and the policy version (null: the one in force).
     */
    public record Ground(RuleRef rule, List<RuleHit> hits, String policyVersion) {

        static final Ground NONE = new Ground(null, null, null);

        /** A rule a moderator relied on, under the policy in force. */
        public static Ground rule(RuleRef rule) {
            return rule == null ? NONE : new Ground(rule, null, null);
        }
    }

    /** Where a decision came from and who took it: software, or a moderator with their written reason. */
    public record Origin(Source source, Automation automation, Long moderatorId, String reason, Long reportId) {

        static final Origin SOFTWARE = new Origin(Source.AUTOMATED, Automation.FULLY, null, null, null);

        static Origin moderator(long moderatorId, String reason) {
            return new Origin(Source.MODERATOR, Automation.NOT, moderatorId, reason, null);
        }
    }

    /** An automated review's outcome for {@code subject}: refused, held, flagged, or a shadow hit. */
    static DecisionDraft review(DecisionSubject subject, Outcome outcome, List<RuleHit> hits, RuleHit primary,
                                String policyVersion, Status status) {
        DecisionSubject s = outcome == Outcome.REFUSED ? subject
                : new DecisionSubject(subject.accountId(), subject.conversationId(), subject.messageId(),
                        subject.mediaSha256(), subject.excerpt(), null);
        return new DecisionDraft(s, outcome, Enforcer.visibility(outcome), new Ground(primary.rule(), hits, policyVersion),
                Origin.SOFTWARE, status, null);
    }

    /** A delivered image withdrawn after OCR found an enforced rule broken in its text. */
    public static DecisionDraft withdrawal(DecisionSubject subject, Decision review) {
        List<RuleHit> enforced = review.hits().stream().filter(RuleHit::enforced).toList();
        return new DecisionDraft(subject, Outcome.WITHDRAWN, Enforcer.visibility(Outcome.WITHDRAWN),
                new Ground(review.primary().orElseThrow().rule(), enforced, review.policyVersion()), Origin.SOFTWARE,
                Status.FINAL, null);
    }

    /**
     * A moderator removing a message for everyone. Removing a held message confirms the automated
     * hold (partly automated, found by software); a removal after a report names the report as its source.
     */
    public static DecisionDraft removal(DecisionSubject subject, RuleRef rule, boolean confirmsHold, boolean reported,
                                        long moderatorId, String reason) {
        Source source = reported ? Source.USER_REPORT : confirmsHold ? Source.AUTOMATED : Source.MODERATOR;
        return new DecisionDraft(subject, Outcome.REMOVED, Enforcer.visibility(Outcome.REMOVED), Ground.rule(rule),
                new Origin(source, confirmsHold ? Automation.PARTIALLY : Automation.NOT, moderatorId, reason, null),
                Status.FINAL, null);
    }

    /** A moderator delivering a held message after all. */
    public static DecisionDraft approval(DecisionSubject subject, long moderatorId, String reason) {
        return new DecisionDraft(subject, Outcome.APPROVED, Enforcer.visibility(Outcome.APPROVED), Ground.NONE,
                Origin.moderator(moderatorId, reason), Status.FINAL, null);
    }

    /** A moderator finding a report unfounded: the decision is about the account reported. */
    public static DecisionDraft dismissal(long reportedAccountId, Long messageId, String reportReason, long reportId,
                                          long moderatorId, String reason) {
        DecisionSubject subject = new DecisionSubject(reportedAccountId, null, messageId, null, reportReason, null);
        return new DecisionDraft(subject, Outcome.DISMISSED, null, Ground.NONE,
                new Origin(Source.USER_REPORT, Automation.NOT, moderatorId, reason, reportId), Status.FINAL, null);
    }

    /**
     * A moderator's own sanction on an account, relying on {@code rule} (null: none named), whose
     * category is then the sanction's: the one a policy's {@code moves.denyWhenSanctionedFor} reads.
     */
    public static DecisionDraft sanction(long accountId, long moderatorId, String reason, RuleRef rule) {
        return new DecisionDraft(DecisionSubject.account(accountId), Outcome.SANCTIONED, null, Ground.rule(rule),
                Origin.moderator(moderatorId, reason), Status.FINAL, null);
    }

    /**
     * The sanction of {@code original} carried over to {@code toAccountId}, the account its account
     * moved to on this server: the same ground, decided by software as the move's consequence.
     */
    static DecisionDraft carriedOver(DecisionRecord original, long toAccountId, String visibility) {
        return new DecisionDraft(DecisionSubject.account(toAccountId), Outcome.SANCTIONED, visibility,
                Ground.rule(cited(original)), Origin.SOFTWARE, Status.FINAL, null);
    }

    /**
     * A move refused because the account is under the sanction of {@code sanctionedBy}, in a
     * category the policy keeps from moving; the refusal cites that decision's rule and category.
     */
    public static DecisionDraft moveRefusal(long accountId, DecisionRecord sanctionedBy, String visibility) {
        return new DecisionDraft(DecisionSubject.account(accountId), Outcome.MOVE_REFUSED, visibility,
                Ground.rule(cited(sanctionedBy)), Origin.SOFTWARE, Status.FINAL, null);
    }

    /** The rule a recorded decision cites, as far as a record keeps it (its action and severity are not kept). */
    private static RuleRef cited(DecisionRecord d) {
        if (d.ruleId() == null) return null;
        return new RuleRef(d.ruleId(), d.ruleVersion() == null ? 0 : d.ruleVersion(), d.ruleTitle(), d.ruleExplanation(),
                d.category(), null, 0, d.mode());
    }

    /** A moderator lifting a sanction early. */
    static DecisionDraft lift(Sanction lifted, long moderatorId, String reason) {
        return new DecisionDraft(DecisionSubject.account(lifted.accountId()), Outcome.LIFTED,
                "the " + WireName.of(lifted.kind()) + " from decision " + lifted.decisionId() + " was lifted", Ground.NONE,
                Origin.moderator(moderatorId, reason), Status.FINAL, null);
    }

    /**
     * An appeal's outcome ({@code upheld}, {@code reversed} or {@code modified}), about the same
     * account and content as {@code original} and linked to it. {@code reviewerId} null means the
     * policy decided (an overdue appeal it reverses by itself); {@code rule} is the rule the reviewer
     * relied on.
     */
    public static DecisionDraft appealOutcome(DecisionRecord original, Outcome outcome, String visibility, RuleRef rule,
                                              Long reviewerId, String reason) {
        if (outcome != Outcome.UPHELD && outcome != Outcome.REVERSED && outcome != Outcome.MODIFIED) {
            throw new IllegalArgumentException(outcome + " is not an appeal's outcome");
        }
        DecisionSubject subject = new DecisionSubject(original.accountId(), original.conversationId(), original.messageId(),
                original.mediaSha256(), null, null);
        Origin origin = new Origin(Source.APPEAL, reviewerId == null ? Automation.FULLY : Automation.NOT, reviewerId, reason,
                original.reportId());
        return new DecisionDraft(subject, outcome, visibility, Ground.rule(rule), origin, Status.FINAL, original.id());
    }

    public long accountId() {
        return subject.accountId();
    }

    public RuleRef rule() {
        return ground.rule();
    }

    public Long moderatorId() {
        return origin.moderatorId();
    }
}
