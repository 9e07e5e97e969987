package org.stoa.server.moderation;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.Mode;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.storage.Writer;

/**
 * What moderation has to do with me: the decisions about me, each a statement of reasons, and my
 * standing (active strikes, sanctions in force). Shadow decisions changed nothing for the account;
 * showing them would tell people what is being watched, so only moderators see those.
 */
public final class SafetyService {

    /**
     * An account's strikes, the sanctions in force on it, and the ladder's warnings still standing
     * (each with {@code acknowledgedAt} once the account acknowledged it).
     */
    public record Standing(int activeStrikes, List<Sanction> sanctions, List<Sanction> warnings) {}

    private final Jdbi reads;
    private final Writer writer;
    private final Enforcer enforcer;
    private final SanctionManager sanctions;
    private final ReportService reports;
    private final Staff staff;

    public SafetyService(Jdbi reads, Writer writer, Enforcer enforcer, SanctionManager sanctions, ReportService reports, Staff staff) {
        this.reads = reads;
        this.writer = writer;
        this.enforcer = enforcer;
        this.sanctions = sanctions;
        this.reports = reports;
        this.staff = staff;
    }

    /**
     * A decision, for its subject, a moderator, or the reporter of a report it dismissed (who may
     * appeal it); a 404 for anyone else, as if it did not exist.
     */
    public DecisionView decision(Principal me, long decisionId) {
        return reads.withHandle(h -> enforcer.view(h, decisionId)
                        .filter(v -> staff.is(me) || mayRead(h, me, v.decision())))
                .orElseThrow(() -> ApiException.notFound("decision_not_found", "no decision " + decisionId + " about you"));
    }

    /**
     * The account read the warning of {@code decisionId}: the ladder's next step may apply again
     * (it waits for this for categories that are not severe). Answers the warning.
     */
    public Sanction acknowledgeWarning(Principal me, long decisionId) {
        return writer.execute(tx -> enforcer.acknowledgeWarning(tx, me.accountId(), decisionId))
                .orElseThrow(() -> ApiException.notFound("warning_not_found", "decision " + decisionId + " gave you no warning"));
    }

    public List<DecisionRecord> decisions(Principal me) {
        return enforcer.decisionsOf(me.accountId()).stream().filter(d -> d.mode() != Mode.SHADOW).toList();
    }

    public Standing standing(Principal me) {
        return new Standing(sanctions.activeStrikes(me.accountId()), sanctions.active(me.accountId()),
                sanctions.warnings(me.accountId()));
    }

    private boolean mayRead(Handle h, Principal me, DecisionRecord d) {
        if (d.mode() == Mode.SHADOW) return false;
        if (d.accountId() == me.accountId()) return true;
        return d.outcome() == DecisionRecord.Outcome.DISMISSED && d.reportId() != null
                && reports.reporterOf(h, d.reportId()).filter(r -> r == me.accountId()).isPresent();
    }
}
