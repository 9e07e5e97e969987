package org.stoa.server.enforcement;

import java.util.List;
import org.stoa.engine.review.RuleHit;
import org.stoa.engine.review.RuleRef;
import org.stoa.server.enforcement.DecisionRecord.Automation;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionRecord.Source;
import org.stoa.server.enforcement.DecisionRecord.Status;

/** A decision about to be recorded. {@code rule} is the ground (may be null for a moderator's own call). */
public record DecisionDraft(long accountId, Long conversationId, Long messageId, String mediaSha256, Outcome outcome,
                            String visibility, String excerpt, List<RuleHit> hits, RuleRef rule, String policyVersion,
                            Source source, Automation automation, Long moderatorId, String moderatorReason, Long reportId,
                            String clientId, Status status) {

    /** A moderator's decision about an account or a message, with their written reason. */
    public static DecisionDraft byModerator(long accountId, Long conversationId, Long messageId, Outcome outcome,
                                            String visibility, String excerpt, long moderatorId, String reason, Long reportId) {
        return new DecisionDraft(accountId, conversationId, messageId, null, outcome, visibility, excerpt, null, null, null,
                reportId == null ? Source.MODERATOR : Source.USER_REPORT, Automation.NOT, moderatorId, reason, reportId,
                null, Status.FINAL);
    }
}
