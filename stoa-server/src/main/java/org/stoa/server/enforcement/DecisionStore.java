package org.stoa.server.enforcement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.Mode;
import org.stoa.engine.policy.WireName;
import org.stoa.engine.review.RuleHit;
import org.stoa.engine.review.RuleRef;
import org.stoa.server.enforcement.DecisionRecord.Automation;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionRecord.Source;
import org.stoa.server.enforcement.DecisionRecord.Status;
import org.stoa.server.http.Json;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;

/** SQL for decision records; rows are written once and only a pending decision's status changes. */
public final class DecisionStore {

    /**
     * The SQL condition on the {@code decisions} row named {@code table} of one waiting for a
     * moderator: a hold, a flag or an automated withdrawal not yet reviewed. The review queue and
     * media access for moderators ask the same question.
     */
    public static String awaitingReview(String table) {
        return "%1$s.reviewed_at IS NULL AND %1$s.mode = 'enforce' AND %1$s.outcome IN ('held', 'flagged', 'withdrawn')"
                .formatted(table);
    }

    /** The outcomes of {@link #awaitingReview}: an enforced decision with one of them enters the review queue. */
    static final Set<Outcome> REVIEWED_BY_MODERATORS = EnumSet.of(Outcome.HELD, Outcome.FLAGGED, Outcome.WITHDRAWN);

    private static final RowMapper<DecisionRecord> RECORD = (rs, ctx) -> new DecisionRecord(
            rs.getLong("id"), rs.getLong("account_id"), Rows.nullableLong(rs, "conversation_id"),
            Rows.nullableLong(rs, "message_id"), rs.getString("media_sha256"),
            WireName.parse(Outcome.class, rs.getString("outcome")).orElseThrow(), rs.getString("visibility"),
            rs.getString("excerpt"), json(rs.getString("evidence")), rs.getString("rule_id"),
            Rows.nullableInt(rs, "rule_version"),
            rs.getString("rule_title"), rs.getString("rule_explanation"),
            WireName.parse(Category.class, rs.getString("category")).orElse(null),
            WireName.parse(Mode.class, rs.getString("mode")).orElseThrow(),
            rs.getString("policy_version"), WireName.parse(Source.class, rs.getString("source")).orElseThrow(),
            WireName.parse(Automation.class, rs.getString("automation")).orElseThrow(), rs.getInt("strikes"),
            Rows.nullableLong(rs, "sanction_id"), Rows.nullableLong(rs, "moderator_id"), rs.getString("moderator_reason"),
            Rows.nullableLong(rs, "report_id"), WireName.parse(Status.class, rs.getString("status")).orElseThrow(),
            Instant.ofEpochMilli(rs.getLong("created_at")), Rows.nullableLong(rs, "appeal_of"),
            Rows.nullableInstant(rs, "appealable_until"), carried(rs, "carried_from"), carried(rs, "carried_to"),
            Rows.nullableLong(rs, "channel_id"), Rows.nullableLong(rs, "channel_post_id"));

    private static DecisionRecord.Carried carried(ResultSet rs, String prefix) throws SQLException {
        Long decision = Rows.nullableLong(rs, prefix + "_decision");
        return decision == null ? null : new DecisionRecord.Carried(decision, rs.getLong(prefix + "_account"));
    }

    private final Jdbi reads;

    public DecisionStore(Jdbi reads) {
        this.reads = reads;
    }

    /**
     * {@code currentPolicy} stands in for a draft without a policy version (a moderator's own
     * decision); {@code appealableUntil} (epoch ms, or null) closes its appeal window.
     */
    long insert(Tx tx, DecisionDraft d, String currentPolicy, Long appealableUntil) {
        DecisionSubject subject = d.subject();
        DecisionDraft.Ground ground = d.ground();
        DecisionDraft.Origin origin = d.origin();
        RuleRef rule = ground.rule();
        return tx.handle().createQuery("""
                        INSERT INTO decisions (account_id, conversation_id, message_id, media_sha256, outcome, visibility,
                            excerpt, evidence, rule_id, rule_version, rule_title, rule_explanation, category, mode,
                            policy_version, source, automation, strikes, moderator_id, moderator_reason, report_id,
                            client_id, status, created_at, appeal_of, appealable_until, channel_id, channel_post_id)
                        VALUES (:account, :conversation, :message, :sha, :outcome, :visibility, :excerpt, :evidence, :ruleId,
                            :ruleVersion, :ruleTitle, :ruleExplanation, :category, :mode, :policyVersion, :source,
                            :automation, 0, :moderator, :reason, :report, :client, :status, :now, :appealOf, :appealableUntil,
                            :channel, :channelPost)
                        RETURNING id""")
                .bind("account", subject.accountId()).bind("conversation", subject.conversationId())
                .bind("message", subject.messageId()).bind("sha", subject.mediaSha256())
                .bind("channel", subject.channelId()).bind("channelPost", subject.channelPostId())
                .bind("outcome", WireName.of(d.outcome())).bind("visibility", d.visibility())
                .bind("excerpt", subject.excerpt())
                .bind("evidence", ground.hits() == null ? null : Json.write(ground.hits().stream().map(DecisionStore::hitJson).toList()))
                .bind("ruleId", rule == null ? null : rule.id())
                .bind("ruleVersion", rule == null ? null : rule.version())
                .bind("ruleTitle", rule == null ? null : rule.title())
                .bind("ruleExplanation", rule == null ? null : rule.explanation())
                .bind("category", rule == null ? null : WireName.of(rule.category()))
                .bind("mode", WireName.of(rule == null ? Mode.ENFORCE : rule.mode()))
                .bind("policyVersion", ground.policyVersion() != null ? ground.policyVersion() : currentPolicy)
                .bind("source", WireName.of(origin.source())).bind("automation", WireName.of(origin.automation()))
                .bind("moderator", origin.moderatorId()).bind("reason", origin.reason()).bind("report", origin.reportId())
                .bind("client", subject.clientId()).bind("status", WireName.of(d.status()))
                .bind("now", tx.now()).bind("appealOf", d.appealOf()).bind("appealableUntil", appealableUntil)
                .mapTo(Long.class).one();
    }

    /** Each hit as stored: the rule, a sentence for people, and the evidence as data. */
    private static Map<String, Object> hitJson(RuleHit hit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", hit.rule().id());
        m.put("ruleVersion", hit.rule().version());
        m.put("title", hit.rule().title());
        m.put("category", hit.rule().category());
        m.put("action", hit.rule().action());
        m.put("mode", hit.rule().mode());
        m.put("severity", hit.rule().severity());
        m.put("describe", hit.describe());
        m.put("evidence", hit.evidence().stream().map(e -> {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("kind", e.getClass().getSimpleName());
            ev.putAll(Json.MAPPER.convertValue(e, Map.class));
            return ev;
        }).toList());
        return m;
    }

    Optional<DecisionRecord> refusal(Handle h, long accountId, Long conversationId, String clientId) {
        return h.createQuery("""
                        SELECT * FROM decisions WHERE account_id = :a AND conversation_id = :c AND client_id = :k
                        AND outcome = 'refused' ORDER BY id LIMIT 1""")
                .bind("a", accountId).bind("c", conversationId).bind("k", clientId).map(RECORD).findOne();
    }

    /** The first refusal of a post to {@code channelId} with this {@code clientId}. */
    Optional<DecisionRecord> channelRefusal(Handle h, long accountId, long channelId, String clientId) {
        return h.createQuery("""
                        SELECT * FROM decisions WHERE account_id = :a AND conversation_id IS NULL AND channel_id = :c
                        AND client_id = :k AND outcome = 'refused' ORDER BY id LIMIT 1""")
                .bind("a", accountId).bind("c", channelId).bind("k", clientId).map(RECORD).findOne();
    }

    void setStrikesAndSanction(Tx tx, long decisionId, int strikes, Long sanctionId) {
        tx.handle().createUpdate("UPDATE decisions SET strikes = :s, sanction_id = :sanction WHERE id = :id")
                .bind("s", strikes).bind("sanction", sanctionId).bind("id", decisionId).execute();
    }

    void setVisibility(Tx tx, long decisionId, String visibility) {
        tx.handle().createUpdate("UPDATE decisions SET visibility = :v WHERE id = :id").bind("v", visibility).bind("id", decisionId)
                .execute();
    }

    /** Links a decision and the one it was carried over to, on another account, each to the other. */
    void linkCarried(Tx tx, DecisionRecord from, long toDecisionId, long toAccountId) {
        tx.handle().createUpdate("""
                        UPDATE decisions SET carried_from_decision = :from, carried_from_account = :fromAccount
                        WHERE id = :to""")
                .bind("from", from.id()).bind("fromAccount", from.accountId()).bind("to", toDecisionId).execute();
        tx.handle().createUpdate("""
                        UPDATE decisions SET carried_to_decision = :to, carried_to_account = :toAccount WHERE id = :from""")
                .bind("to", toDecisionId).bind("toAccount", toAccountId).bind("from", from.id()).execute();
    }

    /**
     * The account's latest refusal of a move that no appeal reversed, and the time of the latest
     * refusal an appeal did reverse (epoch ms, 0 if none).
     */
    MoveRefusals moveRefusals(Handle h, long accountId) {
        Optional<DecisionRecord> standing = h.createQuery("""
                        SELECT * FROM decisions d WHERE d.account_id = :a AND d.outcome = 'move_refused'
                        AND NOT EXISTS (SELECT 1 FROM decisions r WHERE r.appeal_of = d.id AND r.outcome = 'reversed')
                        ORDER BY d.id DESC LIMIT 1""")
                .bind("a", accountId).map(RECORD).findOne();
        long reversedAt = h.createQuery("""
                        SELECT coalesce(max(d.created_at), 0) FROM decisions d WHERE d.account_id = :a
                        AND d.outcome = 'move_refused'
                        AND EXISTS (SELECT 1 FROM decisions r WHERE r.appeal_of = d.id AND r.outcome = 'reversed')""")
                .bind("a", accountId).mapTo(Long.class).one();
        return new MoveRefusals(standing, reversedAt);
    }

    record MoveRefusals(Optional<DecisionRecord> standing, long lastReversedAt) {}

    void forgetExcerpts(Tx tx, List<Long> ids) {
        if (ids.isEmpty()) return;
        tx.handle().createUpdate("UPDATE decisions SET excerpt = NULL WHERE id IN (<ids>)").bindList("ids", ids).execute();
    }

    List<DecisionRecord> findAll(Handle h, List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return h.createQuery("SELECT * FROM decisions WHERE id IN (<ids>)").bindList("ids", ids).map(RECORD).list();
    }

    void finish(Tx tx, long decisionId) {
        tx.handle().createUpdate("UPDATE decisions SET status = 'final' WHERE id = :id").bind("id", decisionId).execute();
    }

    /** Takes decisions about a message out of the review queue; answers those it took, oldest first. */
    List<Long> reviewed(Tx tx, long messageId) {
        return tx.handle().createQuery("""
                        UPDATE decisions SET reviewed_at = :now WHERE message_id = :m AND reviewed_at IS NULL
                        RETURNING id""")
                .bind("now", tx.now()).bind("m", messageId).mapTo(Long.class).list().stream().sorted().toList();
    }

    /** Takes decisions about a channel post out of the review queue; answers those it took. */
    List<Long> reviewedPost(Tx tx, long channelPostId) {
        return tx.handle().createQuery("""
                        UPDATE decisions SET reviewed_at = :now WHERE channel_post_id = :p AND reviewed_at IS NULL
                        RETURNING id""")
                .bind("now", tx.now()).bind("p", channelPostId).mapTo(Long.class).list();
    }

    public Optional<DecisionRecord> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM decisions WHERE id = :id").bind("id", id).map(RECORD).findOne();
    }

    public List<DecisionRecord> ofAccount(long accountId, int limit) {
        return reads.withHandle(h -> h.createQuery("SELECT * FROM decisions WHERE account_id = :a ORDER BY id DESC LIMIT :n")
                .bind("a", accountId).bind("n", limit).map(RECORD).list());
    }

    /** Ids of the enforced (not shadow) decisions about {@code accountId} after {@code afterId}, oldest first. */
    List<Long> enforcedIdsAbout(Handle h, long accountId, long afterId, int limit) {
        return h.createQuery("""
                        SELECT id FROM decisions WHERE account_id = :a AND id > :after AND mode <> 'shadow' ORDER BY id LIMIT :n""")
                .bind("a", accountId).bind("after", afterId).bind("n", limit).mapTo(Long.class).list();
    }

    /** How often each shadow rule matched: what it would have done. */
    public Map<String, Long> shadowHits() {
        Map<String, Long> out = new LinkedHashMap<>();
        reads.useHandle(h -> h.createQuery("""
                        SELECT rule_id, count(*) FROM decisions WHERE mode = 'shadow' GROUP BY rule_id ORDER BY rule_id""")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue())));
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
