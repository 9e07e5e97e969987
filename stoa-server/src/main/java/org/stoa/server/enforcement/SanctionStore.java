package org.stoa.server.enforcement;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
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
            WireName.parse(SanctionKind.class, rs.getString("kind")).orElseThrow(), features(rs.getString("features")),
            Instant.ofEpochMilli(rs.getLong("starts_at")), Rows.nullableInstant(rs, "ends_at"),
            Rows.nullableInstant(rs, "lifted_at"), rs.getString("lift_reason"));

    private final Jdbi reads;

    SanctionStore(Jdbi reads) {
        this.reads = reads;
    }

    static Set<Feature> features(String csv) {
        Set<Feature> out = EnumSet.noneOf(Feature.class);
        if (csv == null || csv.isBlank()) return out;
        Arrays.stream(csv.split(",")).map(s -> WireName.parse(Feature.class, s).orElseThrow()).forEach(out::add);
        return out;
    }

    long insertSanction(Tx tx, long accountId, long decisionId, SanctionKind kind, Set<Feature> features, Instant endsAt) {
        return tx.handle().createQuery("""
                        INSERT INTO sanctions (account_id, decision_id, kind, features, starts_at, ends_at, created_at)
                        VALUES (:a, :d, :kind, :features, :now, :ends, :now) RETURNING id""")
                .bind("a", accountId).bind("d", decisionId).bind("kind", WireName.of(kind))
                .bind("features", features.stream().map(WireName::of).sorted().collect(Collectors.joining(",")))
                .bind("now", tx.now()).bind("ends", endsAt == null ? null : endsAt.toEpochMilli())
                .mapTo(Long.class).one();
    }

    boolean lift(Tx tx, long sanctionId, long by, String reason) {
        return tx.handle().createUpdate("""
                        UPDATE sanctions SET lifted_at = :now, lifted_by = :by, lift_reason = :reason
                        WHERE id = :id AND lifted_at IS NULL""")
                .bind("now", tx.now()).bind("by", by).bind("reason", reason).bind("id", sanctionId).execute() > 0;
    }

    Optional<Sanction> sanction(Handle h, long id) {
        return h.createQuery("SELECT * FROM sanctions WHERE id = :id").bind("id", id).map(SANCTION).findOne();
    }

    List<Sanction> sanctionsOf(Handle h, long accountId) {
        return h.createQuery("SELECT * FROM sanctions WHERE account_id = :a ORDER BY id DESC").bind("a", accountId)
                .map(SANCTION).list();
    }

    List<Sanction> sanctionsOf(long accountId) {
        return reads.withHandle(h -> sanctionsOf(h, accountId));
    }

    void insertStrike(Tx tx, long accountId, long decisionId, int points, long expiresAt) {
        tx.handle().createUpdate("""
                        INSERT INTO strikes (account_id, decision_id, points, created_at, expires_at)
                        VALUES (:a, :d, :p, :now, :exp)""")
                .bind("a", accountId).bind("d", decisionId).bind("p", points).bind("now", tx.now()).bind("exp", expiresAt)
                .execute();
    }

    /** Strike points that have not expired at {@code now}. */
    int activeStrikes(Handle h, long accountId, long now) {
        return h.createQuery("SELECT coalesce(sum(points), 0) FROM strikes WHERE account_id = :a AND expires_at > :now")
                .bind("a", accountId).bind("now", now).mapTo(Integer.class).one();
    }

    int activeStrikes(long accountId, long now) {
        return reads.withHandle(h -> activeStrikes(h, accountId, now));
    }
}
