package org.stoa.server.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import org.stoa.server.enforcement.DecisionRecord.Source;

/**
 * How the content behind a decision came to light: one of the detectors (a term list, an operator's
 * regex, an exact or a perceptual image hash, text read in an image), a user's report, or a
 * moderator's own look.
 */
enum Detection {
    TERM_LIST("a term list"), REGEX("a regular expression"), EXACT_HASH("an exact image hash"), PDQ("a perceptual image hash (PDQ)"),
    OCR("text read in an image (OCR)"), USER_REPORT("a user's report"), MODERATOR("a moderator");

    private final String words;

    Detection(String words) {
        this.words = words;
    }

    /** For people: "a term list". */
    String words() {
        return words;
    }

    boolean automated() {
        return this != USER_REPORT && this != MODERATOR;
    }

    /**
     * From where a decision came ({@code source}: for an appeal's outcome, the original's) and the
     * evidence software recorded for its content: the primary hit's (the one of {@code ruleId}, else
     * the first), by its first piece of evidence.
     */
    static Detection of(Source source, JsonNode hits, String ruleId, long decisionId) {
        return switch (source) {
            case USER_REPORT -> USER_REPORT;
            case MODERATOR -> MODERATOR;
            case AUTOMATED -> byEvidence(primary(hits, ruleId, decisionId), decisionId);
            case APPEAL -> throw new IllegalStateException("decision " + decisionId + ": an appeal's outcome takes its"
                    + " original's source");
        };
    }

    private static JsonNode primary(JsonNode hits, String ruleId, long decisionId) {
        if (hits == null || !hits.isArray() || hits.isEmpty()) {
            throw new IllegalStateException("automated decision " + decisionId + " has no evidence on record");
        }
        for (JsonNode hit : hits) if (hit.path("ruleId").asText().equals(ruleId)) return hit;
        return hits.get(0);
    }

    private static Detection byEvidence(JsonNode hit, long decisionId) {
        JsonNode evidence = hit.path("evidence").path(0);
        return switch (evidence.path("kind").asText()) {
            case "TermMatch" -> TERM_LIST;
            case "PatternMatch" -> REGEX;
            case "BankMatch" -> evidence.path("signal").asText().equals("pdq") ? PDQ : EXACT_HASH;
            case "ImageTextMatch" -> OCR;
            default -> throw new IllegalStateException("decision " + decisionId + ": unknown evidence " + evidence);
        };
    }
}
