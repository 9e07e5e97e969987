package org.stoa.server.appeals;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.UserText;
import org.stoa.server.moderation.ModeratorReason;
import org.stoa.server.moderation.Staff;
import org.stoa.server.storage.Writer;

/**
 * Appeals as moderators decide them: the queue, overdue first, each with whether the moderator
 * asking may decide it and why not; and the decision itself, always with a written reason.
 */
public final class AppealReview {

    /** The shortest reason an appellant is given: a sentence, not "no". */
    public static final int MIN_REASON = 20;

    private static final int LIMIT = 500;

    /**
     * An appeal in the queue: the appeal, its appellant, the decision appealed, and for the moderator
     * asking whether they may decide it, whether that would be independent, and if not why.
     */
    public record AppealCase(AppealView appeal, String appellant, DecisionView decision, boolean escalated, boolean canDecide,
                             boolean independent, String conflict) {}

    private final Jdbi reads;
    private final Writer writer;
    private final AppealStore store;
    private final AppealDecisions decisions;
    private final AppealDeadlines deadlines;
    private final Reviewers reviewers;
    private final Enforcer enforcer;
    private final Clock clock;
    private final Staff staff;

    public AppealReview(Jdbi reads, Writer writer, AppealStore store, AppealDecisions decisions, AppealDeadlines deadlines,
                 Reviewers reviewers, Enforcer enforcer, Clock clock, Staff staff) {
        this.reads = reads;
        this.writer = writer;
        this.store = store;
        this.decisions = decisions;
        this.deadlines = deadlines;
        this.reviewers = reviewers;
        this.enforcer = enforcer;
        this.clock = clock;
        this.staff = staff;
    }

    /** {@code status} is open (the default), decided or all. */
    public List<AppealCase> queue(Principal me, String status) {
        staff.require(me);
        AppealStatus wanted = status == null || status.isEmpty() ? AppealStatus.OPEN
                : status.equals("all") ? null
                : WireName.parse(AppealStatus.class, status).orElseThrow(() ->
                        ApiException.badRequest("invalid_status", "status is open, decided or all"));
        deadlines.sweep();
        return reads.withHandle(h -> {
            List<AppealStore.Queued> queued = store.queue(h, wanted, clock.millis(), LIMIT);
            Map<Long, DecisionView> views = enforcer.views(h, queued.stream().map(q -> q.appeal().decisionId()).distinct().toList());
            return queued.stream().map(q -> {
                DecisionView d = views.get(q.appeal().decisionId());
                Reviewers.Verdict v = reviewers.verdict(h, me, q.appeal(), d.decision());
                return new AppealCase(decisions.view(h, q.appeal()), q.appellant(), d, q.appeal().escalatedAt() != null,
                        v.allowed() && q.appeal().status() == AppealStatus.OPEN, v.independent(), v.conflict());
            }).toList();
        });
    }

    /**
     * Decides an appeal: {@code upheld}, {@code reversed} or {@code modified} (with {@code change}),
     * with a reason of at least {@value #MIN_REASON} characters, by a moderator free of the case
     * (or an admin when nobody is).
     */
    public AppealView decide(Principal me, long appealId, String rawOutcome, String rawReason, SanctionChange change) {
        staff.require(me);
        if (rawOutcome == null) throw ApiException.badRequest("missing_field", "field 'outcome' is required");
        AppealOutcome outcome = WireName.parse(AppealOutcome.class, rawOutcome).orElseThrow(() ->
                ApiException.badRequest("invalid_outcome", "outcome is one of " + WireName.choices(AppealOutcome.class)));
        String reason = rawReason == null ? "" : UserText.multiLine(rawReason).strip();
        if (reason.length() < MIN_REASON) {
            throw new ApiException(422, "reason_required", "write the appellant a reason of at least " + MIN_REASON
                    + " characters: they read it");
        }
        if (reason.length() > ModeratorReason.MAX) {
            throw ApiException.badRequest("invalid_reason", "reasons are at most " + ModeratorReason.MAX + " characters");
        }
        if ((change != null) != (outcome == AppealOutcome.MODIFIED)) {
            throw ApiException.badRequest("invalid_sanction", outcome == AppealOutcome.MODIFIED
                    ? "'modified' needs 'sanction' with a new scope ('features') or end ('endsAt')"
                    : "'sanction' goes with the outcome 'modified' only");
        }
        return writer.execute(tx -> {
            Appeal appeal = store.find(tx.handle(), appealId)
                    .orElseThrow(() -> ApiException.notFound("appeal_not_found", "there is no appeal " + appealId));
            if (appeal.status() != AppealStatus.OPEN) {
                throw ApiException.conflict("appeal_decided", "appeal " + appealId + " was decided already");
            }
            DecisionRecord original = enforcer.view(tx.handle(), appeal.decisionId()).orElseThrow().decision();
            Reviewers.Verdict verdict = reviewers.verdict(tx.handle(), me, appeal, original);
            if (!verdict.allowed()) {
                throw new ApiException(403, "appeal_reviewer_conflict", "you cannot decide appeal " + appealId + ": "
                        + verdict.conflict() + "; another moderator must", Map.of("conflict", verdict.conflict()));
            }
            return decisions.decide(tx, appeal, original, outcome, reason, me.accountId(), verdict.independent(), change);
        });
    }
}
