package org.stoa.server.transparency;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a server did about content and accounts over some days, in figures anyone may read: every
 * decision that restricted something, by category, outcome, how the content was found and how far
 * software decided; sanctions by kind and length; reports and how soon they were acted on; held
 * messages and how long they waited; appeals and how they ended, with each rule's reversal rate; and
 * the policy versions in force. Medians are in seconds, null when there is nothing to take one of.
 */
public record TransparencyReport(LocalDate from, LocalDate to, Instant generatedAt, Decisions decisions, Sanctions sanctions,
                                 Reports reports, HeldMessages heldMessages, Appeals appeals,
                                 List<PolicyPeriod> policyVersions) {

    /**
     * Decisions that restricted something (one statement of reasons each). Every key of each
     * breakdown is present, zero or not; a category of {@code none} is a moderator's call under no
     * particular rule. {@code automatedDetection} counts those found by software.
     */
    public record Decisions(long total, Map<String, Long> byCategory, Map<String, Long> byOutcome,
                            Map<String, Long> byDetection, Map<String, Long> byAutomation, long automatedDetection,
                            List<Day> byDay) {}

    /** One day of decisions; categories and automation levels with none that day are left out. */
    public record Day(LocalDate date, long total, Map<String, Long> byCategory, Map<String, Long> byAutomation) {}

    /** Sanctions imposed by those decisions: by kind, and by kind and length ({@code 1d}, {@code permanent}, {@code none}). */
    public record Sanctions(long total, Map<String, Long> byKind, List<KindAndLength> byKindAndLength) {}

    public record KindAndLength(String kind, String length, long count) {}

    /**
     * Reports filed in the period; those acted on by a decision in the period that restricted
     * something (and the median time from filing to that decision); those found unfounded.
     */
    public record Reports(long received, long actedOn, long dismissed, Double medianSecondsToAct) {}

    /** Messages held for review in the period, what became of them so far, and the median wait of those reviewed. */
    public record HeldMessages(long held, long released, long removed, long waiting, Double medianWaitSeconds) {}

    /**
     * Appeals filed in the period, and those decided in it by outcome, with the median time from
     * filing to decision; per rule of the decision appealed, how often it was reversed.
     */
    public record Appeals(long filed, long decided, long upheld, long reversed, long modified, Double medianSecondsToDecide,
                          List<RuleAppeals> byRule) {}

    /** A rule's appeals decided in the period; {@code reversalRate} is reversed over decided. */
    public record RuleAppeals(String ruleId, String ruleTitle, long decided, long upheld, long reversed, long modified,
                              double reversalRate) {}

    /** A policy version and when it was in force ({@code until} null: it still is). */
    public record PolicyPeriod(String version, Instant from, Instant until) {}
}
