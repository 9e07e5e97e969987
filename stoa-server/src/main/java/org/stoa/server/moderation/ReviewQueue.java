package org.stoa.server.moderation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.Principal;
import org.stoa.server.conversations.MessageModeration;
import org.stoa.server.conversations.MessageStatus;
import org.stoa.server.conversations.MessageView;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.DecisionDraft;
import org.stoa.server.enforcement.DecisionStore;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Json;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Writer;

/**
 * What waits for a moderator: held, flagged and OCR-withdrawn messages not yet reviewed, and open
 * reports, each with its content and why it is here; and dismissing an item without acting on it.
 */
public final class ReviewQueue {

    private static final int LIMIT = 500;

    /** Why an item is in the queue. */
    public enum Kind {
        HELD, FLAGGED, WITHDRAWN, REPORT
    }

    /** One thing waiting for a moderator, with the content and why it is here. */
    public record QueueItem(Kind kind, Long decisionId, Long reportId, Long messageId, long accountId, String username,
                            Long conversationId, String text, String mediaId, String ruleId, String ruleTitle,
                            String category, JsonNode evidence, String reason, Long reporterId, Instant createdAt) {}

    /**
     * Decisions awaiting review and open reports, each joined with its account and message, in one
     * query, oldest first. Raw message content: moderators judge what was sent, whatever became of it.
     */
    private static final String QUEUE = """
            SELECT d.outcome AS kind, d.id AS decision_id, NULL AS report_id, d.message_id, d.account_id, a.username,
                   d.conversation_id, m.text, m.media_id, d.rule_id, d.rule_title, d.category, d.evidence,
                   NULL AS reason, NULL AS reporter_id, d.created_at AS created_at
            FROM decisions d JOIN accounts a ON a.id = d.account_id LEFT JOIN messages m ON m.id = d.message_id
            WHERE %s
            UNION ALL
            SELECT 'report', NULL, r.id, r.message_id, r.account_id, a.username,
                   m.conversation_id, m.text, m.media_id, NULL, NULL, NULL, NULL,
                   r.reason, r.reporter_id, r.created_at
            FROM reports r JOIN accounts a ON a.id = r.account_id LEFT JOIN messages m ON m.id = r.message_id
            WHERE r.status = :open
            ORDER BY created_at LIMIT :limit""".formatted(DecisionStore.awaitingReview("d"));

    private static final RowMapper<QueueItem> ITEM = (rs, ctx) -> new QueueItem(
            WireName.parse(Kind.class, rs.getString("kind")).orElseThrow(), Rows.nullableLong(rs, "decision_id"),
            Rows.nullableLong(rs, "report_id"), Rows.nullableLong(rs, "message_id"), rs.getLong("account_id"),
            rs.getString("username"), Rows.nullableLong(rs, "conversation_id"), rs.getString("text"),
            rs.getString("media_id"), rs.getString("rule_id"), rs.getString("rule_title"), rs.getString("category"),
            evidence(rs.getString("evidence")), rs.getString("reason"), Rows.nullableLong(rs, "reporter_id"),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    private final Jdbi reads;
    private final Writer writer;
    private final MessageModeration messages;
    private final Enforcer enforcer;
    private final ReportService reports;
    private final AuditLog audit;
    private final Staff staff;

    public ReviewQueue(Jdbi reads, Writer writer, MessageModeration messages, Enforcer enforcer, ReportService reports,
                       AuditLog audit, Staff staff) {
        this.reads = reads;
        this.writer = writer;
        this.messages = messages;
        this.enforcer = enforcer;
        this.reports = reports;
        this.audit = audit;
        this.staff = staff;
    }

    public List<QueueItem> items(Principal moderator) {
        staff.require(moderator);
        return reads.withHandle(h -> h.createQuery(QUEUE).bind("open", WireName.of(ReportStatus.OPEN)).bind("limit", LIMIT)
                .map(ITEM).list());
    }

    /** Takes a queue item out of the queue without acting on the content (the automated call stands, or the report is unfounded). */
    public void dismiss(Principal moderator, Long messageId, Long reportId, String rawReason) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        if ((messageId == null) == (reportId == null)) {
            throw ApiException.badRequest("invalid_dismissal", "dismiss either a 'messageId' or a 'reportId'");
        }
        writer.execute(tx -> {
            if (messageId != null) {
                MessageView m = messages.find(tx.handle(), messageId);
                if (m.status() == MessageStatus.HELD) throw ApiException.conflict("still_held", "approve or remove a held message");
                List<Long> reviewed = enforcer.reviewed(tx, m.id(), null);
                audit.append(tx, moderator.accountId(), "queue.dismissed", m.senderId(),
                        reviewed.isEmpty() ? null : reviewed.getFirst(), null, reason);
            } else {
                ReportService.Report r = reports.find(tx, reportId)
                        .orElseThrow(() -> ApiException.notFound("report_not_found", "there is no report " + reportId));
                if (r.status() != ReportStatus.OPEN) throw ApiException.conflict("report_closed", "this report was already resolved");
                DecisionView d = enforcer.record(tx, DecisionDraft.dismissal(r.accountId(), r.messageId(), r.reason(), r.id(),
                        moderator.accountId(), reason));
                reports.resolve(tx, r.id(), "no action: " + reason, d.decision().id());
            }
            return null;
        });
    }

    private static JsonNode evidence(String json) {
        if (json == null) return null;
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence is not JSON", e);
        }
    }
}
