package org.stoa.server.transparency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.WireName;
import org.stoa.server.enforcement.DecisionRecord.Automation;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionRecord.Source;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.http.Json;
import org.stoa.server.storage.Rows;
import org.stoa.server.transparency.Restriction.ContentKind;

/**
 * Reads the decisions of a period that restricted something, oldest first, one row at a time (a
 * year of a busy server does not fit in memory), each in one query with what it needs: the original
 * of an appeal's outcome (where the case came from and how it was found), the evidence of the
 * decision that first flagged the message (a removal confirming a hold records none of its own),
 * the message or refused send (what kind of content), the sanction, a hold's review, and the
 * reports it acted on.
 */
final class Restrictions {

    private static final String SELECT = """
            SELECT d.id, d.outcome, d.created_at, d.visibility, d.category, d.rule_id, d.rule_version, d.rule_title,
                   d.rule_explanation, d.policy_version, d.source, d.automation, d.appeal_of, d.reviewed_at,
                   d.conversation_id, d.message_id, d.media_sha256,
                   coalesce(o.source, d.source) AS case_source,
                   coalesce(o.rule_id, d.rule_id) AS case_rule,
                   coalesce(o.evidence, d.evidence, (
                       SELECT e.evidence FROM decisions e
                       WHERE e.message_id = d.message_id AND e.evidence IS NOT NULL AND e.mode = 'enforce'
                       ORDER BY e.id LIMIT 1)) AS case_evidence,
                   m.created_at AS message_at, m.text IS NOT NULL AS message_text, m.media_id IS NOT NULL AS message_image,
                   r.text IS NOT NULL AS refused_text, r.media_id IS NOT NULL AS refused_image,
                   s.kind AS sanction_kind, s.features AS sanction_features, s.starts_at AS sanction_starts,
                   s.ends_at AS sanction_ends,
                   CASE WHEN d.outcome = 'held' THEN (
                       SELECT f.outcome FROM decisions f
                       WHERE f.message_id = d.message_id AND f.outcome IN ('approved', 'removed') AND f.id > d.id
                       ORDER BY f.id LIMIT 1) END AS held_ended_by,
                   (SELECT group_concat(p.created_at) FROM reports p WHERE p.decision_id = d.id) AS reports_filed
            FROM decisions d
            LEFT JOIN decisions o ON o.id = d.appeal_of
            LEFT JOIN messages m ON m.id = d.message_id
            LEFT JOIN refused_messages r ON r.decision_id = coalesce(d.appeal_of, d.id)
            LEFT JOIN sanctions s ON s.id = d.sanction_id
            WHERE d.created_at >= :from AND d.created_at < :until AND d.mode = 'enforce' AND d.outcome IN (<outcomes>)
            ORDER BY d.created_at, d.id""";

    private Restrictions() {}

    /** Hands each restriction decided in {@code period} to {@code each}, oldest first. */
    static void forEach(Handle h, ReportPeriod period, Consumer<Restriction> each) {
        h.createQuery(SELECT).bind("from", period.fromMillis()).bind("until", period.untilMillis())
                .bindList("outcomes", Restriction.OUTCOMES.stream().map(WireName::of).toList())
                .setFetchSize(500)
                .map((rs, ctx) -> restriction(rs))
                .forEach(each);
    }

    private static Restriction restriction(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Outcome outcome = WireName.parse(Outcome.class, rs.getString("outcome")).orElseThrow();
        Instant decidedAt = Instant.ofEpochMilli(rs.getLong("created_at"));
        Source source = WireName.parse(Source.class, rs.getString("case_source")).orElseThrow();
        Instant messageAt = Rows.nullableInstant(rs, "message_at");
        String kind = rs.getString("sanction_kind");
        Restriction.Imposed sanction = kind == null ? null : new Restriction.Imposed(
                WireName.parse(SanctionKind.class, kind).orElseThrow(), Sanction.features(rs.getString("sanction_features")),
                Instant.ofEpochMilli(rs.getLong("sanction_starts")), Rows.nullableInstant(rs, "sanction_ends"));
        Restriction.HeldReview held = outcome != Outcome.HELD ? null : new Restriction.HeldReview(
                Rows.nullableInstant(rs, "reviewed_at"), WireName.parse(Outcome.class, rs.getString("held_ended_by")).orElse(null));
        Restriction.Ground ground = new Restriction.Ground(WireName.parse(Category.class, rs.getString("category")).orElse(null),
                rs.getString("rule_id"), Rows.nullableInt(rs, "rule_version"), rs.getString("rule_title"),
                rs.getString("rule_explanation"), rs.getString("policy_version"));
        Restriction.Origin origin = new Restriction.Origin(source,
                Detection.of(source, json(rs.getString("case_evidence")), rs.getString("case_rule"), id),
                WireName.parse(Automation.class, rs.getString("automation")).orElseThrow());
        return new Restriction(id, outcome, decidedAt, rs.getString("visibility"),
                new Restriction.Content(kinds(rs), messageAt != null ? messageAt : decidedAt), ground, origin, sanction, held,
                times(rs.getString("reports_filed")), Rows.nullableLong(rs, "appeal_of"));
    }

    /**
     * Text, an image, or both, from the message or the refused send while they are kept (a refused
     * send's content is deleted when its appeal window closes: then its image hash still says
     * image, and anything else was text); a decision about no conversation is about the account.
     */
    private static Set<ContentKind> kinds(ResultSet rs) throws SQLException {
        if (Rows.nullableLong(rs, "conversation_id") == null && Rows.nullableLong(rs, "message_id") == null) {
            return EnumSet.of(ContentKind.ACCOUNT);
        }
        Set<ContentKind> kinds = EnumSet.noneOf(ContentKind.class);
        if (rs.getBoolean("message_image") || rs.getBoolean("refused_image") || rs.getString("media_sha256") != null) {
            kinds.add(ContentKind.IMAGE);
        }
        if (rs.getBoolean("message_text") || rs.getBoolean("refused_text") || kinds.isEmpty()) kinds.add(ContentKind.TEXT);
        return kinds;
    }

    private static List<Instant> times(String csv) {
        if (csv == null) return List.of();
        List<Instant> out = new ArrayList<>();
        Arrays.stream(csv.split(",")).map(s -> Instant.ofEpochMilli(Long.parseLong(s))).sorted().forEach(out::add);
        return out;
    }

    private static JsonNode json(String s) {
        if (s == null) return null;
        try {
            return Json.MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence is not JSON", e);
        }
    }
}
