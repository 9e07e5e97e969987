package org.stoa.server.enforcement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.WireName;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for strikes and sanctions. */
final class SanctionStore {

    private static final RowMapper<Sanction> SANCTION = (rs, ctx) -> new Sanction(
            rs.getLong("id"), rs.getLong("account_id"), rs.getLong("decision_id"),
            WireName.parse(SanctionKind.class, rs.getString("kind")).orElseThrow(), Sanction.features(rs.getString("features")),
            Instant.ofEpochMilli(rs.getLong("starts_at")), Rows.nullableInstant(rs, "ends_at"),
            Rows.nullableInstant(rs, "lifted_at"), rs.getString("lift_reason"), Rows.nullableInt(rs, "ladder_step"),
            Rows.nullableInstant(rs, "acknowledged_at"), Rows.nullableLong(rs, "channel_id"));

    /**
     * Ladder sanctions still standing: not lifted as unearned, from a decision whose strikes have not
     * expired. The highest of their steps is how far the ladder has climbed.
     */
    private static final String STANDING = """
            s.account_id = :a AND s.ladder_step IS NOT NULL AND s.unearned = 0
            AND EXISTS (SELECT 1 FROM strikes k WHERE k.decision_id = s.decision_id AND k.expires_at > :now)""";

    /** An open offence: the latest mergeable strike's, begun within the burst window and not revoked. */
    record Offence(long id, long startedAt) {}

    private final Jdbi reads;

    SanctionStore(Jdbi reads) {
        this.reads = reads;
    }

    long insertSanction(Tx tx, long accountId, long decisionId, SanctionKind kind, Set<Feature> features, Instant endsAt,
                        Integer ladderStep, Long channelId) {
        return tx.handle().createQuery("""
                        INSERT INTO sanctions (account_id, decision_id, kind, features, starts_at, ends_at, ladder_step, created_at,
                            channel_id)
                        VALUES (:a, :d, :kind, :features, :now, :ends, :step, :now, :channel) RETURNING id""")
                .bind("a", accountId).bind("channel", channelId).bind("d", decisionId).bind("kind", WireName.of(kind))
                .bind("features", features.stream().map(WireName::of).sorted().collect(Collectors.joining(",")))
                .bind("now", tx.now()).bind("ends", endsAt == null ? null : endsAt.toEpochMilli()).bind("step", ladderStep)
                .mapTo(Long.class).one();
    }

    boolean lift(Tx tx, long sanctionId, Long by, String reason) {
        return tx.handle().createUpdate("""
                        UPDATE sanctions SET lifted_at = :now, lifted_by = :by, lift_reason = :reason
                        WHERE id = :id AND lifted_at IS NULL""")
                .bind("now", tx.now()).bind("by", by).bind("reason", reason).bind("id", sanctionId).execute() > 0;
    }

    /** Lifts a ladder sanction that the strikes still counting no longer earn. */
    void liftUnearned(Tx tx, long sanctionId, String reason) {
        tx.handle().createUpdate("""
                        UPDATE sanctions SET lifted_at = :now, lift_reason = :reason, unearned = 1
                        WHERE id = :id AND lifted_at IS NULL""")
                .bind("now", tx.now()).bind("reason", reason).bind("id", sanctionId).execute();
    }

    boolean acknowledge(Tx tx, long sanctionId) {
        return tx.handle().createUpdate("UPDATE sanctions SET acknowledged_at = :now WHERE id = :id AND acknowledged_at IS NULL")
                .bind("now", tx.now()).bind("id", sanctionId).execute() > 0;
    }

    Optional<Sanction> sanction(Handle h, long id) {
        return h.createQuery("SELECT * FROM sanctions WHERE id = :id").bind("id", id).map(SANCTION).findOne();
    }

    Map<Long, Sanction> findAll(Handle h, List<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        return h.createQuery("SELECT * FROM sanctions WHERE id IN (<ids>)").bindList("ids", ids).map(SANCTION).list().stream()
                .collect(Collectors.toMap(Sanction::id, s -> s));
    }

    Optional<Sanction> ofDecision(Handle h, long decisionId) {
        return h.createQuery("SELECT * FROM sanctions WHERE decision_id = :d ORDER BY id LIMIT 1").bind("d", decisionId)
                .map(SANCTION).findOne();
    }

    List<Sanction> sanctionsOf(Handle h, long accountId) {
        return h.createQuery("SELECT * FROM sanctions WHERE account_id = :a AND channel_id IS NULL ORDER BY id DESC")
                .bind("a", accountId).map(SANCTION).list();
    }

    /** A channel's sanctions, newest first. */
    List<Sanction> sanctionsOfChannel(Handle h, long channelId) {
        return h.createQuery("SELECT * FROM sanctions WHERE channel_id = :c ORDER BY id DESC").bind("c", channelId)
                .map(SANCTION).list();
    }

    List<Sanction> sanctionsOf(long accountId) {
        return reads.withHandle(h -> sanctionsOf(h, accountId));
    }

    /** The highest ladder step (its strike total) among the account's standing ladder sanctions; 0 if none. */
    int appliedStep(Handle h, long accountId, long now) {
        return h.createQuery("SELECT coalesce(max(s.ladder_step), 0) FROM sanctions s WHERE " + STANDING)
                .bind("a", accountId).bind("now", now).mapTo(Integer.class).one();
    }

    /** The account's latest standing warning from the ladder that is not lifted. */
    Optional<Sanction> standingWarning(Handle h, long accountId, long now) {
        return h.createQuery("SELECT s.* FROM sanctions s WHERE " + STANDING
                        + " AND s.kind = 'warning' AND s.lifted_at IS NULL ORDER BY s.id DESC LIMIT 1")
                .bind("a", accountId).bind("now", now).map(SANCTION).findOne();
    }

    List<Sanction> standingWarnings(long accountId, long now) {
        return reads.withHandle(h -> h.createQuery("SELECT s.* FROM sanctions s WHERE " + STANDING
                        + " AND s.kind = 'warning' AND s.lifted_at IS NULL ORDER BY s.id DESC")
                .bind("a", accountId).bind("now", now).map(SANCTION).list());
    }

    Optional<Offence> openOffence(Handle h, long accountId, long since) {
        return h.createQuery("""
                        SELECT offence_id, offence_started_at FROM strikes
                        WHERE account_id = :a AND mergeable = 1 AND revoked_at IS NULL AND offence_started_at > :since
                        ORDER BY id DESC LIMIT 1""")
                .bind("a", accountId).bind("since", since)
                .map((rs, ctx) -> new Offence(rs.getLong(1), rs.getLong(2))).findOne();
    }

    void insertStrike(Tx tx, long accountId, long decisionId, int points, long expiresAt, Offence offence, boolean mergeable) {
        tx.handle().createUpdate("""
                        INSERT INTO strikes (account_id, decision_id, points, created_at, expires_at, offence_id,
                            offence_started_at, mergeable)
                        VALUES (:a, :d, :p, :now, :exp, :offence, :started, :mergeable)""")
                .bind("a", accountId).bind("d", decisionId).bind("p", points).bind("now", tx.now()).bind("exp", expiresAt)
                .bind("offence", offence.id()).bind("started", offence.startedAt()).bind("mergeable", mergeable ? 1 : 0)
                .execute();
    }

    /** A reversed decision's strikes stop counting; answers whether it had any. */
    boolean revokeStrikes(Tx tx, long decisionId) {
        return tx.handle().createUpdate("UPDATE strikes SET revoked_at = :now WHERE decision_id = :d AND revoked_at IS NULL")
                .bind("now", tx.now()).bind("d", decisionId).execute() > 0;
    }

    /** Strike points counting at {@code now}: each offence once, at its highest points; expired and revoked ones left out. */
    int activeStrikes(Handle h, long accountId, long now) {
        return h.createQuery("""
                        SELECT coalesce(sum(points), 0) FROM (
                            SELECT max(points) AS points FROM strikes
                            WHERE account_id = :a AND expires_at > :now AND revoked_at IS NULL GROUP BY offence_id) AS offences""")
                .bind("a", accountId).bind("now", now).mapTo(Integer.class).one();
    }

    int activeStrikes(long accountId, long now) {
        return reads.withHandle(h -> activeStrikes(h, accountId, now));
    }
}
