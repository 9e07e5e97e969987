package org.stoa.server.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One decision about an account's content or the account itself, with the fields of a statement of
 * reasons (EU DSA Art. 17): what was restricted ({@code visibility}, the sanction), the facts
 * ({@code excerpt}, {@code hits} with their evidence), the ground (the rule, its version, its public
 * explanation, the category, the policy version), how automated it was, where it came from, and
 * the redress available.
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
        String category,
        String mode,
        String policyVersion,
        Source source,
        Automation automation,
        int strikes,
        Long sanctionId,
        Long moderatorId,
        String moderatorReason,
        Long reportId,
        Status status,
        Instant createdAt) {

    public enum Outcome {
        REFUSED, HELD, FLAGGED, SHADOW, WITHDRAWN, REMOVED, APPROVED, SANCTIONED, LIFTED, DISMISSED, BANKED
    }

    public enum Source {
        AUTOMATED, USER_REPORT, MODERATOR
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
        return "If you think this decision is wrong, tell the people who run this server and quote decision " + id
                + ": Stoa has no appeal form yet. A sanction with an end date ends by itself. Whatever the sanction,"
                + " you can still log in, read your conversations and see the decisions about you.";
    }
}
