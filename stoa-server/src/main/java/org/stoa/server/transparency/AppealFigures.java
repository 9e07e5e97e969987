package org.stoa.server.transparency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.WireName;
import org.stoa.server.appeals.AppealOutcome;
import org.stoa.server.storage.Rows;
import org.stoa.server.transparency.TransparencyReport.Appeals;
import org.stoa.server.transparency.TransparencyReport.RuleAppeals;

/**
 * The appeals part of a report: filed in the period, decided in it by outcome and how long that
 * took, and per rule of the decisions appealed how often the appeal reversed it (the best evidence
 * of how often a rule, automated or not, gets it wrong). Appeals of decisions under no rule (a
 * moderator's own call, a report found unfounded) count in the totals only.
 */
final class AppealFigures {

    private AppealFigures() {}

    private static final class PerRule {
        String title;
        long upheld;
        long reversed;
        long modified;

        long decided() {
            return upheld + reversed + modified;
        }
    }

    private record Row(long filedAt, Long decidedAt, AppealOutcome outcome, String ruleId, String ruleTitle) {}

    static Appeals of(Handle h, ReportPeriod period) {
        long from = period.fromMillis();
        long until = period.untilMillis();
        long[] filed = new long[1];
        long[] outcomes = new long[AppealOutcome.values().length];
        LongStream.Builder durations = LongStream.builder();
        Map<String, PerRule> rules = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT a.filed_at, a.decided_at, a.outcome, o.rule_id, o.rule_title
                        FROM appeals a JOIN decisions o ON o.id = a.decision_id
                        WHERE (a.filed_at >= :from AND a.filed_at < :until) OR (a.decided_at >= :from AND a.decided_at < :until)
                        ORDER BY a.id""")
                .bind("from", from).bind("until", until)
                .map((rs, ctx) -> new Row(rs.getLong("filed_at"), Rows.nullableLong(rs, "decided_at"),
                        WireName.parse(AppealOutcome.class, rs.getString("outcome")).orElse(null), rs.getString("rule_id"),
                        rs.getString("rule_title")))
                .forEach(row -> {
                    if (row.filedAt() >= from && row.filedAt() < until) filed[0]++;
                    if (row.decidedAt() == null || row.decidedAt() < from || row.decidedAt() >= until) return;
                    outcomes[row.outcome().ordinal()]++;
                    durations.add(row.decidedAt() - row.filedAt());
                    if (row.ruleId() == null) return;
                    PerRule r = rules.computeIfAbsent(row.ruleId(), k -> new PerRule());
                    r.title = row.ruleTitle();
                    switch (row.outcome()) {
                        case UPHELD -> r.upheld++;
                        case REVERSED -> r.reversed++;
                        case MODIFIED -> r.modified++;
                    }
                });
        List<RuleAppeals> byRule = new ArrayList<>();
        rules.forEach((id, r) -> byRule.add(new RuleAppeals(id, r.title, r.decided(), r.upheld, r.reversed, r.modified,
                (double) r.reversed / r.decided())));
        byRule.sort(Comparator.comparingLong(RuleAppeals::decided).reversed().thenComparing(RuleAppeals::ruleId));
        long upheld = outcomes[AppealOutcome.UPHELD.ordinal()];
        long reversed = outcomes[AppealOutcome.REVERSED.ordinal()];
        long modified = outcomes[AppealOutcome.MODIFIED.ordinal()];
        return new Appeals(filed[0], upheld + reversed + modified, upheld, reversed, modified,
                ReportTally.medianSeconds(durations), byRule);
    }
}
