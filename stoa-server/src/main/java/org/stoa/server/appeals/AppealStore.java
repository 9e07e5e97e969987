package org.stoa.server.appeals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.WireName;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for appeals. */
public final class AppealStore {

    private static final RowMapper<Appeal> APPEAL = (rs, ctx) -> new Appeal(
            rs.getLong("id"), rs.getLong("decision_id"), rs.getLong("appellant_id"), rs.getString("statement"),
            WireName.parse(RequestedOutcome.class, rs.getString("requested_outcome")).orElseThrow(),
            WireName.parse(AppealStatus.class, rs.getString("status")).orElseThrow(),
            Instant.ofEpochMilli(rs.getLong("filed_at")), Instant.ofEpochMilli(rs.getLong("decide_by")),
            Instant.ofEpochMilli(rs.getLong("window_closes_at")), Rows.nullableInstant(rs, "escalated_at"),
            WireName.parse(AppealOutcome.class, rs.getString("outcome")).orElse(null), rs.getString("reason"),
            Rows.nullableLong(rs, "reviewer_id"), rs.getObject("independent") == null ? null : rs.getInt("independent") == 1,
            rs.getString("rule_id"), Rows.nullableInt(rs, "rule_version"), rs.getString("policy_version"),
            Rows.nullableLong(rs, "outcome_decision_id"), Rows.nullableLong(rs, "sanction_before_id"),
            Rows.nullableLong(rs, "sanction_after_id"), Rows.nullableInstant(rs, "decided_at"));

    /** An open appeal in the moderators' queue: the appeal and its appellant's username. */
    record Queued(Appeal appeal, String appellant) {}

    /** How an appeal was decided, as recorded. */
    record Decided(AppealOutcome outcome, String reason, Long reviewerId, boolean independent, String ruleId,
                   Integer ruleVersion, String policyVersion, long outcomeDecisionId, Long sanctionBeforeId,
                   Long sanctionAfterId) {}

    long insert(Tx tx, long decisionId, long appellantId, String statement, RequestedOutcome requested, long decideBy,
                long windowClosesAt) {
        return tx.handle().createQuery("""
                        INSERT INTO appeals (decision_id, appellant_id, statement, requested_outcome, status, filed_at,
                            decide_by, window_closes_at)
                        VALUES (:d, :a, :statement, :requested, :status, :now, :decideBy, :closes) RETURNING id""")
                .bind("d", decisionId).bind("a", appellantId).bind("statement", statement)
                .bind("requested", WireName.of(requested)).bind("status", WireName.of(AppealStatus.OPEN))
                .bind("now", tx.now()).bind("decideBy", decideBy).bind("closes", windowClosesAt)
                .mapTo(Long.class).one();
    }

    Optional<Appeal> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM appeals WHERE id = :id").bind("id", id).map(APPEAL).findOne();
    }

    Optional<Appeal> of(Handle h, long decisionId, long appellantId) {
        return h.createQuery("SELECT * FROM appeals WHERE decision_id = :d AND appellant_id = :a")
                .bind("d", decisionId).bind("a", appellantId).map(APPEAL).findOne();
    }

    List<Appeal> ofAppellant(Handle h, long appellantId) {
        return h.createQuery("SELECT * FROM appeals WHERE appellant_id = :a ORDER BY id DESC LIMIT 500")
                .bind("a", appellantId).map(APPEAL).list();
    }

    List<Appeal> allOf(Handle h, long appellantId) {
        return h.createQuery("SELECT * FROM appeals WHERE appellant_id = :a ORDER BY id").bind("a", appellantId).map(APPEAL).list();
    }

    /**
     * Appeals in {@code status} (null: any) with their appellants, in one query: overdue first, then
     * the soonest due; decided ones newest first.
     */
    List<Queued> queue(Handle h, AppealStatus status, long now, int limit) {
        return h.createQuery("""
                        SELECT a.*, u.username FROM appeals a JOIN accounts u ON u.id = a.appellant_id
                        WHERE (:status IS NULL OR a.status = :status)
                        ORDER BY a.status = 'decided', a.decide_by <= :now DESC, a.decide_by, a.decided_at DESC, a.id
                        LIMIT :limit""")
                .bind("status", status == null ? null : WireName.of(status)).bind("now", now).bind("limit", limit)
                .map((rs, ctx) -> new Queued(APPEAL.map(rs, ctx), rs.getString("username"))).list();
    }

    /** Open appeals past their deadline and not yet escalated. */
    List<Appeal> newlyOverdue(Handle h, long now) {
        return h.createQuery("""
                        SELECT * FROM appeals WHERE status = 'open' AND decide_by <= :now AND escalated_at IS NULL
                        ORDER BY decide_by""")
                .bind("now", now).map(APPEAL).list();
    }

    boolean anyNewlyOverdue(Handle h, long now) {
        return h.createQuery("SELECT 1 FROM appeals WHERE status = 'open' AND decide_by <= :now AND escalated_at IS NULL LIMIT 1")
                .bind("now", now).mapTo(Integer.class).findOne().isPresent();
    }

    void escalate(Tx tx, long id) {
        tx.handle().createUpdate("UPDATE appeals SET escalated_at = :now WHERE id = :id").bind("now", tx.now()).bind("id", id)
                .execute();
    }

    void decide(Tx tx, long id, Decided d) {
        tx.handle().createUpdate("""
                        UPDATE appeals SET status = 'decided', outcome = :outcome, reason = :reason, reviewer_id = :reviewer,
                            independent = :independent, rule_id = :ruleId, rule_version = :ruleVersion,
                            policy_version = :policyVersion, outcome_decision_id = :decision,
                            sanction_before_id = :before, sanction_after_id = :after, decided_at = :now
                        WHERE id = :id AND status = 'open'""")
                .bind("outcome", WireName.of(d.outcome())).bind("reason", d.reason()).bind("reviewer", d.reviewerId())
                .bind("independent", d.independent() ? 1 : 0).bind("ruleId", d.ruleId()).bind("ruleVersion", d.ruleVersion())
                .bind("policyVersion", d.policyVersion()).bind("decision", d.outcomeDecisionId())
                .bind("before", d.sanctionBeforeId()).bind("after", d.sanctionAfterId()).bind("now", tx.now())
                .bind("id", id).execute();
    }
}
