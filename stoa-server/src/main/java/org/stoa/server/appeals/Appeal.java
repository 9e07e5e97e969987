package org.stoa.server.appeals;

import java.time.Instant;

/**
 * An appeal as stored. {@code reviewerId} (null when the policy decided an overdue appeal) is for
 * the audit and the independence check only: no view shows it.
 */
record Appeal(long id, long decisionId, long appellantId, String statement, RequestedOutcome requestedOutcome,
              AppealStatus status, Instant filedAt, Instant decideBy, Instant windowClosesAt, Instant escalatedAt,
              AppealOutcome outcome, String reason, Long reviewerId, Boolean independent, String ruleId, Integer ruleVersion,
              String policyVersion, Long outcomeDecisionId, Long sanctionBeforeId, Long sanctionAfterId, Instant decidedAt) {

    boolean overdueAt(Instant now) {
        return status == AppealStatus.OPEN && !decideBy.isAfter(now);
    }
}
