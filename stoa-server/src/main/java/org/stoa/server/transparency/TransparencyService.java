package org.stoa.server.transparency;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.Json;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.moderation.Staff;
import org.stoa.server.transparency.TransparencyReport.Reports;

/**
 * The transparency report, for anyone unless the operator keeps it to moderators and admins
 * ({@code transparency.public: false}), limited per client address; and the statements of reasons
 * behind it, for admins. Both read the same restrictions of the period, in one snapshot each.
 */
public final class TransparencyService {

    private final Jdbi reads;
    private final Clock clock;
    private final boolean open;
    private final Limits limits;
    private final Staff staff;

    public TransparencyService(Jdbi reads, Clock clock, boolean open, Limits limits, Staff staff) {
        this.reads = reads;
        this.clock = clock;
        this.open = open;
        this.limits = limits;
        this.staff = staff;
    }

    /**
     * The report for {@code period}. {@code caller} is asked for only when the report is not
     * public (it throws a 401 without a login); a 429 once {@code address} has had its share.
     */
    public TransparencyReport report(Supplier<Principal> caller, String address, ReportPeriod period) {
        if (!open) staff.require(caller.get());
        limits.acquire(Limit.TRANSPARENCY, address);
        return reads.inTransaction(h -> compute(h, period));
    }

    private TransparencyReport compute(Handle h, ReportPeriod period) {
        ReportTally tally = new ReportTally(period);
        Restrictions.forEach(h, period, tally::add);
        long received = h.createQuery("SELECT count(*) FROM reports WHERE created_at >= :from AND created_at < :until")
                .bind("from", period.fromMillis()).bind("until", period.untilMillis()).mapTo(Long.class).one();
        long dismissed = h.createQuery("""
                        SELECT count(*) FROM reports p JOIN decisions d ON d.id = p.decision_id
                        WHERE p.resolved_at >= :from AND p.resolved_at < :until AND d.outcome = 'dismissed'""")
                .bind("from", period.fromMillis()).bind("until", period.untilMillis()).mapTo(Long.class).one();
        return new TransparencyReport(period.from(), period.to(), clock.instant(), tally.decisions(), tally.sanctions(),
                new Reports(received, tally.reportsActedOn(), dismissed, tally.medianSecondsToAct()), tally.heldMessages(),
                AppealFigures.of(h, period), PolicyHistory.inForce(h, period));
    }

    /** The report as CSV ({@link ReportCsv}). */
    public String csv(TransparencyReport report) {
        return ReportCsv.of(report);
    }

    /** Statements of reasons on their way out: written as they are read. */
    @FunctionalInterface
    public interface Statements {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * One statement of reasons per restriction decided in {@code period}, a JSON object a line,
     * oldest first: admins only, checked before anything is written.
     */
    public Statements statements(Principal caller, ReportPeriod period) {
        staff.requireAdmin(caller);
        return out -> reads.useTransaction(h -> Restrictions.forEach(h, period, r -> {
            try {
                out.write(Json.write(StatementOfReasons.of(r)).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
