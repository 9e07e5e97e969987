package org.stoa.server.transparency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.WireName;
import org.stoa.server.enforcement.DecisionRecord.Source;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.transparency.Restriction.ContentKind;

/**
 * One decision as a statement of reasons in the field set and values of the EU DSA Transparency
 * Database (schema v2), {@code puid} being the decision's id. Everything in it is about the
 * decision, never the people: no usernames, no account ids, no message content, no moderator's
 * words (which may quote the message). Stoa's own rules are the server's terms, so the ground is
 * always incompatible content, with the rule's public title and explanation.
 *
 * <p>{@code decision_facts} carries what the database's fields cannot: the exact times (it keeps
 * days only), Stoa's outcome and category, how the content was found, the sanction, a hold's
 * review and the reports acted on, one {@code Label: value} line each, in the order of
 * {@link Facts}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"puid", "decision_visibility", "end_date_visibility_restriction", "decision_provision",
        "end_date_service_restriction", "decision_account", "end_date_account_restriction", "decision_ground",
        "incompatible_content_ground", "incompatible_content_explanation", "decision_facts", "content_type", "category",
        "category_specification", "source_type", "automated_detection", "automated_decision", "content_date",
        "application_date"})
record StatementOfReasons(
        @JsonProperty("puid") String puid,
        @JsonProperty("decision_visibility") List<Dsa.Visibility> decisionVisibility,
        @JsonProperty("end_date_visibility_restriction") LocalDate endDateVisibilityRestriction,
        @JsonProperty("decision_provision") Dsa.Provision decisionProvision,
        @JsonProperty("end_date_service_restriction") LocalDate endDateServiceRestriction,
        @JsonProperty("decision_account") Dsa.AccountDecision decisionAccount,
        @JsonProperty("end_date_account_restriction") LocalDate endDateAccountRestriction,
        @JsonProperty("decision_ground") Dsa.Ground decisionGround,
        @JsonProperty("incompatible_content_ground") String incompatibleContentGround,
        @JsonProperty("incompatible_content_explanation") String incompatibleContentExplanation,
        @JsonProperty("decision_facts") String decisionFacts,
        @JsonProperty("content_type") List<Dsa.ContentType> contentType,
        @JsonProperty("category") Dsa.Category category,
        @JsonProperty("category_specification") List<Dsa.Keyword> categorySpecification,
        @JsonProperty("source_type") Dsa.SourceType sourceType,
        @JsonProperty("automated_detection") String automatedDetection,
        @JsonProperty("automated_decision") Dsa.AutomatedDecision automatedDecision,
        @JsonProperty("content_date") LocalDate contentDate,
        @JsonProperty("application_date") LocalDate applicationDate) {

    /** The labels of the lines of {@code decision_facts}, in their order; lines that do not apply are left out. */
    enum Facts {
        DECISION("Decision"), WHAT_HAPPENED("What happened"), CONTENT("Content"), CATEGORY("Category"), RULE("Rule"),
        POLICY("Policy"), DETECTED_BY("Detected by"), SANCTION("Sanction"), HELD("Held"), REPORTS("Reports acted on"),
        APPEAL_OF("Outcome of an appeal of decision");

        final String label;

        Facts(String label) {
            this.label = label;
        }
    }

    private static final int MAX_GROUND = 500;
    private static final int MAX_EXPLANATION = 2000;
    private static final int MAX_FACTS = 5000;

    static StatementOfReasons of(Restriction r) {
        List<Dsa.Visibility> visibility = switch (r.outcome()) {
            case REFUSED, WITHDRAWN, REMOVED -> List.of(Dsa.Visibility.DECISION_VISIBILITY_CONTENT_REMOVED);
            case HELD -> List.of(Dsa.Visibility.DECISION_VISIBILITY_CONTENT_DISABLED);
            default -> List.of();
        };
        Restriction.Imposed s = r.sanction();
        SanctionKind kind = s == null ? null : s.kind();
        LocalDate sanctionEnd = s == null ? null : day(s.endsAt());
        Restriction.Ground ground = r.ground();
        Restriction.Origin origin = r.origin();
        boolean rule = ground.ruleId() != null;
        return new StatementOfReasons(
                String.valueOf(r.id()),
                visibility,
                r.held() == null ? null : day(r.held().reviewedAt()),
                kind == SanctionKind.RESTRICTION ? Dsa.Provision.DECISION_PROVISION_PARTIAL_SUSPENSION : null,
                kind == SanctionKind.RESTRICTION ? sanctionEnd : null,
                kind == SanctionKind.SUSPENSION ? Dsa.AccountDecision.DECISION_ACCOUNT_SUSPENDED
                        : kind == SanctionKind.BAN ? Dsa.AccountDecision.DECISION_ACCOUNT_TERMINATED : null,
                kind == SanctionKind.SUSPENSION || kind == SanctionKind.BAN ? sanctionEnd : null,
                Dsa.Ground.DECISION_GROUND_INCOMPATIBLE_CONTENT,
                cut(rule ? ground.ruleTitle() : "The server's terms of use", MAX_GROUND),
                cut(rule ? ground.ruleExplanation() : "A moderator found that it broke the server's terms of use.", MAX_EXPLANATION),
                cut(facts(r), MAX_FACTS),
                r.content().kinds().stream().sorted().map(StatementOfReasons::contentType).toList(),
                category(ground.category()),
                ground.category() == Category.PHISHING ? List.of(Dsa.Keyword.KEYWORD_PHISHING) : List.of(),
                origin.source() == Source.USER_REPORT
                        ? Dsa.SourceType.SOURCE_TYPE_OTHER_NOTIFICATION : Dsa.SourceType.SOURCE_VOLUNTARY,
                origin.detection().automated() ? "Yes" : "No",
                switch (origin.automation()) {
                    case FULLY -> Dsa.AutomatedDecision.AUTOMATED_DECISION_FULLY;
                    case PARTIALLY -> Dsa.AutomatedDecision.AUTOMATED_DECISION_PARTIALLY;
                    case NOT -> Dsa.AutomatedDecision.AUTOMATED_DECISION_NOT_AUTOMATED;
                },
                day(r.content().sentAt()),
                day(r.decidedAt()));
    }

    /**
     * Stoa's categories in the database's: spam, gambling ads, adult content and anything else the
     * server's terms forbid are violations of the terms; scams and phishing are fraud; malware lures
     * a risk for public security; harassment cyber violence.
     */
    static Dsa.Category category(Category c) {
        if (c == null) return Dsa.Category.STATEMENT_CATEGORY_OTHER_VIOLATION_TC;
        return switch (c) {
            case SCAM, PHISHING -> Dsa.Category.STATEMENT_CATEGORY_SCAMS_AND_FRAUD;
            case MALWARE -> Dsa.Category.STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY;
            case HARASSMENT -> Dsa.Category.STATEMENT_CATEGORY_CYBER_VIOLENCE;
            case ILLEGAL_GOODS -> Dsa.Category.STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS;
            case SPAM, GAMBLING, ADULT, OTHER -> Dsa.Category.STATEMENT_CATEGORY_OTHER_VIOLATION_TC;
        };
    }

    private static Dsa.ContentType contentType(ContentKind k) {
        return switch (k) {
            case TEXT -> Dsa.ContentType.CONTENT_TYPE_TEXT;
            case IMAGE -> Dsa.ContentType.CONTENT_TYPE_IMAGE;
            case ACCOUNT -> Dsa.ContentType.CONTENT_TYPE_OTHER;
        };
    }

    private static String facts(Restriction r) {
        List<String> lines = new ArrayList<>();
        line(lines, Facts.DECISION, r.id() + ", " + WireName.of(r.outcome()) + ", " + r.decidedAt());
        if (r.whatHappened() != null) line(lines, Facts.WHAT_HAPPENED, r.whatHappened().replace('\n', ' '));
        Restriction.Content content = r.content();
        Restriction.Ground ground = r.ground();
        Detection detection = r.origin().detection();
        line(lines, Facts.CONTENT, content.kinds().stream().sorted().map(WireName::of).collect(Collectors.joining(" and "))
                + (content.kinds().contains(ContentKind.ACCOUNT) ? "" : ", sent " + content.sentAt()));
        line(lines, Facts.CATEGORY, ground.category() == null ? "none" : WireName.of(ground.category()));
        if (ground.ruleId() != null) line(lines, Facts.RULE, ground.ruleId() + " version " + ground.ruleVersion());
        if (ground.policyVersion() != null) line(lines, Facts.POLICY, ground.policyVersion());
        line(lines, Facts.DETECTED_BY, WireName.of(detection) + " (" + detection.words() + ")");
        Restriction.Imposed s = r.sanction();
        if (s != null) {
            line(lines, Facts.SANCTION, WireName.of(s.kind())
                    + (s.features().isEmpty() || s.kind() != SanctionKind.RESTRICTION ? ""
                    : " of " + s.features().stream().map(WireName::of).sorted().collect(Collectors.joining(" and ")))
                    + ", length " + s.lengthLabel() + ", from " + s.startsAt() + (s.endsAt() == null ? "" : " until " + s.endsAt()));
        }
        if (r.held() != null) {
            line(lines, Facts.HELD, r.held().reviewedAt() == null ? "waiting for a moderator"
                    : "until " + r.held().reviewedAt() + ", then "
                    + (r.held().endedBy() == null ? "reviewed" : WireName.of(r.held().endedBy())));
        }
        if (!r.reportsFiled().isEmpty()) {
            line(lines, Facts.REPORTS, r.reportsFiled().size() + ", filed "
                    + r.reportsFiled().stream().map(Instant::toString).collect(Collectors.joining(" and ")));
        }
        if (r.appealOf() != null) line(lines, Facts.APPEAL_OF, String.valueOf(r.appealOf()));
        return String.join("\n", lines);
    }

    private static void line(List<String> lines, Facts label, String value) {
        lines.add(label.label + ": " + value);
    }

    private static LocalDate day(Instant t) {
        return t == null ? null : LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) return s;
        return s.substring(0, max - 1) + "…";
    }
}
