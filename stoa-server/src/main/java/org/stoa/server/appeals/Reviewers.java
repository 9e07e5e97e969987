package org.stoa.server.appeals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Role;
import org.stoa.server.enforcement.DecisionRecord;

/**
 * Who may decide an appeal. Not the person who took the decision, acted on its case (an audit
 * entry on it or on another decision about the same message, or lifting its sanction), reported the
 * content, filed the appeal, or is its subject. An automated decision has no one who took it, so
 * any human moderator without such a link may decide it. When nobody on the server is free of a
 * link, an admin may decide all the same, and the outcome says it was not independent.
 */
public final class Reviewers {

    /** Whether {@code reviewer} may decide, whether that would be independent, and if not why. */
    record Verdict(boolean allowed, boolean independent, String conflict) {}

    Verdict verdict(Handle h, Principal reviewer, Appeal appeal, DecisionRecord decision) {
        Optional<String> conflict = conflict(h, reviewer.accountId(), appeal, decision);
        if (conflict.isEmpty()) return new Verdict(true, true, null);
        if (reviewer.role() == Role.ADMIN && !anyoneElse(h, reviewer.accountId(), appeal, decision)) {
            return new Verdict(true, false, conflict.get()
                    + "; as nobody else on this server could decide it, you may as an admin,"
                    + " and the appellant is told it was not independent");
        }
        return new Verdict(false, false, conflict.get());
    }

    /** Why {@code reviewerId} is not independent of the case, if they are not. */
    Optional<String> conflict(Handle h, long reviewerId, Appeal appeal, DecisionRecord d) {
        if (reviewerId == appeal.appellantId()) return Optional.of("you filed this appeal");
        if (reviewerId == d.accountId()) return Optional.of("the decision is about you");
        if (d.moderatorId() != null && d.moderatorId() == reviewerId) return Optional.of("you took the original decision");
        Optional<String> acted = h.createQuery("""
                        SELECT action, at FROM audit_log WHERE actor_id = :r AND (decision_id = :d
                            OR decision_id IN (SELECT id FROM decisions WHERE message_id = :m))
                        ORDER BY id LIMIT 1""")
                .bind("r", reviewerId).bind("d", d.id()).bind("m", d.messageId())
                .map((rs, ctx) -> "you acted on this case (" + rs.getString("action") + " at "
                        + Instant.ofEpochMilli(rs.getLong("at")) + ")").findOne();
        if (acted.isPresent()) return acted;
        boolean lifted = h.createQuery("SELECT 1 FROM sanctions WHERE decision_id = :d AND lifted_by = :r")
                .bind("d", d.id()).bind("r", reviewerId).mapTo(Integer.class).findOne().isPresent();
        if (lifted) return Optional.of("you lifted the sanction of this decision");
        boolean reported = h.createQuery("""
                        SELECT 1 FROM reports WHERE reporter_id = :r AND (id = :report OR (message_id IS NOT NULL AND message_id = :m))""")
                .bind("r", reviewerId).bind("report", d.reportId()).bind("m", d.messageId()).mapTo(Integer.class).findOne().isPresent();
        if (reported) return Optional.of("you reported this content");
        return Optional.empty();
    }

    /** Whether some other moderator or admin could decide it independently. */
    private boolean anyoneElse(Handle h, long reviewerId, Appeal appeal, DecisionRecord d) {
        List<Long> staff = h.createQuery("SELECT id FROM accounts WHERE role IN ('moderator', 'admin') AND id <> :me")
                .bind("me", reviewerId).mapTo(Long.class).list();
        return staff.stream().anyMatch(id -> conflict(h, id, appeal, d).isEmpty());
    }
}
