package org.stoa.server.appeals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.Mode;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.UserText;
import org.stoa.server.moderation.PolicyManager;
import org.stoa.server.moderation.ReportService;
import org.stoa.server.moderation.Staff;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * Appeals as the people affected file and follow them. The person a decision is about may appeal
 * it, and so may the reporter of a report that was dismissed; in every sanction state, a banned
 * account included. One appeal per decision and appellant, within the policy's window.
 */
public final class AppealService {

    public static final int MAX_STATEMENT = 5000;

    private final Jdbi reads;
    private final Writer writer;
    private final AppealStore store;
    private final AppealDecisions decisions;
    private final AppealDeadlines deadlines;
    private final Enforcer enforcer;
    private final ReportService reports;
    private final PolicyManager policy;
    private final AuditLog audit;
    private final EventLog events;
    private final Staff staff;

    public AppealService(Jdbi reads, Writer writer, AppealStore store, AppealDecisions decisions, AppealDeadlines deadlines,
                  Enforcer enforcer, ReportService reports, PolicyManager policy, AuditLog audit, EventLog events, Staff staff) {
        this.reads = reads;
        this.writer = writer;
        this.store = store;
        this.decisions = decisions;
        this.deadlines = deadlines;
        this.enforcer = enforcer;
        this.reports = reports;
        this.policy = policy;
        this.audit = audit;
        this.events = events;
        this.staff = staff;
    }

    public AppealView file(Principal me, long decisionId, String rawStatement, String rawRequested) {
        String statement = rawStatement == null ? "" : UserText.multiLine(rawStatement).strip();
        if (statement.isEmpty()) {
            throw ApiException.badRequest("statement_required", "say in your own words why the decision is wrong ('statement')");
        }
        if (statement.length() > MAX_STATEMENT) {
            throw ApiException.badRequest("statement_too_long", "a statement is at most " + MAX_STATEMENT + " characters");
        }
        if (rawRequested == null) throw ApiException.badRequest("missing_field", "field 'requestedOutcome' is required");
        RequestedOutcome requested = WireName.parse(RequestedOutcome.class, rawRequested).orElseThrow(() -> ApiException.badRequest(
                "invalid_requested_outcome", "requestedOutcome is one of " + WireName.choices(RequestedOutcome.class)));
        return writer.execute(tx -> {
            Handle h = tx.handle();
            DecisionRecord d = appealable(h, me, decisionId);
            Optional<Appeal> earlier = store.of(h, d.id(), me.accountId());
            if (earlier.isPresent()) {
                throw new ApiException(409, "appeal_exists", "you appealed decision " + d.id() + " already (appeal "
                        + earlier.get().id() + ")", Map.of("appealId", earlier.get().id()));
            }
            Instant now = Instant.ofEpochMilli(tx.now());
            if (!now.isBefore(d.appealableUntil())) {
                throw new ApiException(410, "appeal_window_closed", "decision " + d.id() + " could be appealed until "
                        + d.appealableUntil() + "; that window has closed", Map.of("windowClosedAt", d.appealableUntil()));
            }
            long decideBy = tx.now() + policy.policy().appeals().decideWithin().toMillis();
            long id = store.insert(tx, d.id(), me.accountId(), statement, requested, decideBy, d.appealableUntil().toEpochMilli());
            audit.append(tx, me.accountId(), "appeal.filed", d.accountId(), d.id(), d.ruleId(),
                    "appeal " + id + ": asks to " + WireName.of(requested));
            AppealView view = decisions.view(h, store.find(h, id).orElseThrow());
            events.append(tx, List.of(me.accountId()), EventType.MODERATION_APPEAL, view);
            return view;
        });
    }

    /** My appeals, newest first. */
    public List<AppealView> mine(Principal me) {
        deadlines.sweep();
        return reads.withHandle(h -> store.ofAppellant(h, me.accountId()).stream().map(a -> decisions.view(h, a)).toList());
    }

    /** Every appeal {@code accountId} filed, oldest first, as they read them: for their data export. */
    public List<AppealView> filedBy(Handle h, long accountId) {
        return store.allOf(h, accountId).stream().map(a -> decisions.view(h, a)).toList();
    }

    /** One appeal, for its appellant or a moderator; a 404 for anyone else. */
    public AppealView get(Principal me, long appealId) {
        deadlines.sweep();
        return reads.withHandle(h -> store.find(h, appealId)
                .filter(a -> a.appellantId() == me.accountId() || staff.is(me))
                .map(a -> decisions.view(h, a)))
                .orElseThrow(() -> ApiException.notFound("appeal_not_found", "you have no appeal " + appealId));
    }

    /**
     * The decision, if {@code me} may appeal it: a 404 if it is not theirs to appeal (as if it did
     * not exist), a 409 if it took nothing that an appeal could give back.
     */
    private DecisionRecord appealable(Handle h, Principal me, long decisionId) {
        DecisionRecord d = enforcer.view(h, decisionId).map(v -> v.decision())
                .filter(x -> x.mode() != Mode.SHADOW)
                .filter(x -> x.outcome() == Outcome.DISMISSED
                        ? x.reportId() != null && reports.reporterOf(h, x.reportId()).filter(r -> r == me.accountId()).isPresent()
                        : x.accountId() == me.accountId())
                .orElseThrow(() -> ApiException.notFound("decision_not_found", "no decision " + decisionId + " that you can appeal"));
        if (d.appealableUntil() == null) {
            String why = d.appealOf() != null ? "it is the outcome of an appeal and final on this server"
                    : "it took nothing from you that an appeal could give back";
            throw ApiException.conflict("decision_not_appealable", "decision " + d.id() + " cannot be appealed: " + why);
        }
        return d;
    }
}
