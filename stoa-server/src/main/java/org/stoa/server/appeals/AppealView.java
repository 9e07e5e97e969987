package org.stoa.server.appeals;

import java.time.Instant;
import org.stoa.server.enforcement.Sanction;

/**
 * An appeal as its appellant and moderators read it: what was asked and by when it is due, and
 * once decided the outcome, the reason, the rule and version the reviewer relied on, whether the
 * reviewer was independent of the decision, who decided (a moderator, or the policy for an overdue
 * appeal it reverses) and when. Never the reviewer's name. A modified sanction shows before and after.
 */
public record AppealView(long id, long decisionId, AppealStatus status, RequestedOutcome requestedOutcome, String statement,
                         Instant filedAt, Instant decideBy, Instant windowClosesAt, boolean overdue, AppealOutcome outcome,
                         String reason, String ruleId, Integer ruleVersion, String policyVersion, Boolean independent,
                         DecidedBy decidedBy, Instant decidedAt, Long outcomeDecisionId, Sanction sanctionBefore,
                         Sanction sanctionAfter) {

    /** Who decided: a moderator (or an admin), or the policy reversing an overdue appeal by itself. */
    public enum DecidedBy {
        MODERATOR, POLICY
    }

    static AppealView of(Appeal a, Instant now, Sanction before, Sanction after) {
        DecidedBy by = a.status() != AppealStatus.DECIDED ? null : a.reviewerId() == null ? DecidedBy.POLICY : DecidedBy.MODERATOR;
        return new AppealView(a.id(), a.decisionId(), a.status(), a.requestedOutcome(), a.statement(), a.filedAt(), a.decideBy(),
                a.windowClosesAt(), a.overdueAt(now), a.outcome(), a.reason(), a.ruleId(), a.ruleVersion(), a.policyVersion(),
                a.independent(), by, a.decidedAt(), a.outcomeDecisionId(), before, after);
    }
}
