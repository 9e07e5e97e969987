package org.stoa.server.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.conversations.MessageView;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.UserText;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/** Users report messages and accounts; reports wait in the review queue; reporters learn the outcome. */
public final class ReportService {

    private static final int MAX_REASON = 1000;

    public record Report(long id, long reporterId, long accountId, Long messageId, String reason, ReportStatus status,
                         String outcome, Long decisionId, Instant createdAt, Instant resolvedAt) {}

    static final RowMapper<Report> REPORT = (rs, ctx) -> new Report(rs.getLong("id"), rs.getLong("reporter_id"),
            rs.getLong("account_id"), Rows.nullableLong(rs, "message_id"), rs.getString("reason"),
            WireName.parse(ReportStatus.class, rs.getString("status")).orElseThrow(),
            rs.getString("outcome"), Rows.nullableLong(rs, "decision_id"), Instant.ofEpochMilli(rs.getLong("created_at")),
            Rows.nullableInstant(rs, "resolved_at"));

    private final Jdbi reads;
    private final Writer writer;
    private final AccountStore accounts;
    private final VisibleMessages visible;
    private final AuditLog audit;
    private final EventLog events;
    private final Limits limits;

    public ReportService(Jdbi reads, Writer writer, AccountStore accounts, VisibleMessages visible,
                         AuditLog audit, EventLog events, Limits limits) {
        this.limits = limits;
        this.reads = reads;
        this.writer = writer;
        this.accounts = accounts;
        this.visible = visible;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Reports a message the reporter can see, or an account. Every well-formed report counts against
     * the reporter's {@code limits.reportsPerAccount}, found or not: a flood gets a 429 before any lookup.
     */
    public Report report(Principal me, Long messageId, Long accountId, String rawReason) {
        if ((messageId == null) == (accountId == null)) {
            throw ApiException.badRequest("invalid_report", "report either a 'messageId' or an 'accountId'");
        }
        String reason = rawReason == null ? "" : UserText.multiLine(rawReason).strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw ApiException.badRequest("invalid_reason", "say in 1 to " + MAX_REASON + " characters what is wrong");
        }
        limits.acquire(Limit.REPORTS, me.accountId());
        long subject;
        if (messageId != null) {
            MessageView m = visible.message(me, messageId)
                    .orElseThrow(() -> ApiException.notFound("message_not_found", "no message " + messageId + " in your conversations"));
            subject = m.senderId();
        } else {
            subject = accounts.findById(accountId).orElseThrow(() -> ApiException.notFound("account_not_found",
                    "there is no account " + accountId)).id();
        }
        if (subject == me.accountId()) throw ApiException.badRequest("cannot_report_self", "you cannot report yourself");
        return writer.execute(tx -> {
            long id = tx.handle().createQuery("""
                            INSERT INTO reports (reporter_id, account_id, message_id, reason, status, created_at)
                            VALUES (:r, :a, :m, :reason, :open, :now) RETURNING id""")
                    .bind("open", WireName.of(ReportStatus.OPEN)).bind("r", me.accountId()).bind("a", subject)
                    .bind("m", messageId).bind("reason", reason)
                    .bind("now", tx.now()).mapTo(Long.class).one();
            audit.append(tx, me.accountId(), "report.created", subject, null, null, "report " + id);
            events.appendToStaff(tx, EventType.MODERATION_QUEUE, Map.of());
            return find(tx, id).orElseThrow();
        });
    }

    public List<Report> mine(Principal me) {
        return reads.withHandle(h -> h.createQuery("SELECT * FROM reports WHERE reporter_id = :r ORDER BY id DESC LIMIT 200")
                .bind("r", me.accountId()).map(REPORT).list());
    }

    /** Every report {@code accountId} filed, oldest first: for their data export. */
    public List<Report> filedBy(Handle h, long accountId) {
        return h.createQuery("SELECT * FROM reports WHERE reporter_id = :r ORDER BY id").bind("r", accountId).map(REPORT).list();
    }

    Optional<Report> find(Tx tx, long id) {
        return tx.handle().createQuery("SELECT * FROM reports WHERE id = :id").bind("id", id).map(REPORT).findOne();
    }

    /** Who filed a report, if it exists. */
    public Optional<Long> reporterOf(Handle h, long reportId) {
        return h.createQuery("SELECT reporter_id FROM reports WHERE id = :id").bind("id", reportId).mapTo(Long.class).findOne();
    }

    /**
     * A dismissal reversed on appeal: the report goes back into the review queue, open again, to be
     * acted on. False if it is open already or does not exist.
     */
    public boolean reopen(Tx tx, long reportId) {
        return tx.handle().createUpdate("""
                        UPDATE reports SET status = :open, outcome = NULL, decision_id = NULL, resolved_at = NULL
                        WHERE id = :id AND status = :resolved""")
                .bind("open", WireName.of(ReportStatus.OPEN)).bind("resolved", WireName.of(ReportStatus.RESOLVED))
                .bind("id", reportId).execute() > 0;
    }

    boolean openAbout(Tx tx, long messageId) {
        return tx.handle().createQuery("SELECT count(*) FROM reports WHERE message_id = :m AND status = :open")
                .bind("m", messageId).bind("open", WireName.of(ReportStatus.OPEN)).mapTo(Integer.class).one() > 0;
    }

    /** Closes every open report about {@code messageId} with {@code outcome}; tells each reporter. */
    void resolveAboutMessage(Tx tx, long messageId, String outcome, Long decisionId) {
        tx.handle().createQuery("SELECT id FROM reports WHERE message_id = :m AND status = :open").bind("m", messageId)
                .bind("open", WireName.of(ReportStatus.OPEN))
                .mapTo(Long.class).list().forEach(id -> resolve(tx, id, outcome, decisionId));
    }

    /** Closes a report with {@code outcome}, takes it out of the review queue and tells the reporter. */
    void resolve(Tx tx, long reportId, String outcome, Long decisionId) {
        int closed = tx.handle().createUpdate("""
                        UPDATE reports SET status = :resolved, outcome = :o, decision_id = :d, resolved_at = :now
                        WHERE id = :id AND status = :open""")
                .bind("resolved", WireName.of(ReportStatus.RESOLVED)).bind("open", WireName.of(ReportStatus.OPEN))
                .bind("o", outcome).bind("d", decisionId).bind("now", tx.now()).bind("id", reportId).execute();
        if (closed > 0) events.appendToStaff(tx, EventType.MODERATION_QUEUE, Map.of());
        Report r = find(tx, reportId).orElseThrow();
        events.append(tx, List.of(r.reporterId()), EventType.REPORT_RESOLVED,
                Map.of("reportId", r.id(), "outcome", outcome, "resolvedAt", Instant.ofEpochMilli(tx.now())));
    }
}
