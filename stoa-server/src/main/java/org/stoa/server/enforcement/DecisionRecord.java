package org.stoa.server.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.Mode;

/**
 * One decision about an account's content or the account itself, with the fields of a statement of
 * reasons (EU DSA Art. 17): what was restricted ({@code visibility}, the sanction), the facts
 * ({@code excerpt}, {@code hits} with their evidence), the ground (the rule, its version, its public
 * explanation, the category, the policy version), how automated it was, where it came from, and
 * the redress available. A sanction carried over by a same-server move links both records: the new
 * account's decision names the one it was {@code carriedFrom}, and that one the decision it was
 * {@code carriedTo}, each with its account. A decision about a post to a channel, or about a channel's
 * title or description, names the channel ({@code channelId}) and the post when one was stored
 * ({@code channelPostId}: a held or removed post, not a refused one).
 */
public record DecisionRecord(
        long id,
        long accountId,
        Long conversationId,
        Long messageId,
        String mediaSha256,
        Outcome outcome,
        String visibility,
        String excerpt,
        JsonNode hits,
        String ruleId,
        Integer ruleVersion,
        String ruleTitle,
        String ruleExplanation,
        Category category,
        Mode mode,
        String policyVersion,
        Source source,
        Automation automation,
        int strikes,
        Long sanctionId,
        Long moderatorId,
        String moderatorReason,
        Long reportId,
        Status status,
        Instant createdAt,
        Long appealOf,
        Instant appealableUntil,
        Carried carriedFrom,
        Carried carriedTo,
        Long channelId,
        Long channelPostId) {

    /** The other end of a sanction carried over by a move: its decision and that decision's account. */
    public record Carried(long decisionId, long accountId) {}

    /**
     * What a decision did. UPHELD, REVERSED and MODIFIED are the outcomes of an appeal, each a new
     * decision linked to the one appealed ({@code appealOf}). MOVE_REFUSED kept an account from
     * moving to another because the policy denies moves to accounts sanctioned in a category.
     */
    public enum Outcome {
        REFUSED, HELD, FLAGGED, SHADOW, WITHDRAWN, REMOVED, APPROVED, SANCTIONED, LIFTED, DISMISSED,
        UPHELD, REVERSED, MODIFIED, MOVE_REFUSED;

        /** Took content away from its recipients: an enforced rule behind it adds strikes. */
        public boolean takesContent() {
            return this == REFUSED || this == WITHDRAWN || this == REMOVED;
        }

        /**
         * Took something from someone who may appeal it: content, an account's freedom or its move
         * from its subject, or a report's remedy from its reporter (a dismissal). Appeal outcomes are final.
         */
        public boolean appealable() {
            return takesContent() || this == SANCTIONED || this == DISMISSED || this == MOVE_REFUSED;
        }
    }

    /** Where a decision came from: detection, a user's report, a moderator's own review, or an appeal. */
    public enum Source {
        AUTOMATED, USER_REPORT, MODERATOR, APPEAL
    }

    /** Whether detection and decision were automated: fully, partially (one of them), or not at all. */
    public enum Automation {
        FULLY, PARTIALLY, NOT
    }

    /** Pending while a human has yet to decide (a held message); final otherwise. */
    public enum Status {
        PENDING, FINAL
    }

    /** What the person affected can do about it, and what they keep: only what Stoa does today. */
    public String redress() {
        String always = "A sanction with an end date ends by itself. Whatever the sanction, you can still log in,"
                + " read your conversations, see the decisions about you, take your data with you (Settings, Download my"
                + " data) and move to a new account (Settings), telling your contacts where you went, unless the policy"
                + " refuses that for the sanction's category.";
        if (appealOf != null) {
            return "This is the outcome of an appeal of decision " + appealOf + ", decided by someone who did not take it;"
                    + " it is final on this server. " + always;
        }
        if (appealableUntil != null) {
            return "If you think this decision is wrong, appeal it until " + appealableUntil + " (Appeal, or POST"
                    + " /api/v1/decisions/" + id + "/appeals): a moderator who took no part in it decides, with"
                    + " written reasons. " + always;
        }
        return always;
    }
}
