package org.stoa.server.transparency;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A report as CSV for spreadsheets: one figure a row, {@code figure,key,value}, where the figure is
 * its path in the JSON report ({@code decisions.byCategory}) and the key says which one
 * ({@code spam}; for daily figures the date first, {@code 2026-01-31 spam}). An empty value is a
 * median with nothing to take it of, or a policy still in force.
 */
final class ReportCsv {

    private final StringBuilder out = new StringBuilder("figure,key,value\r\n");

    private ReportCsv() {}

    static String of(TransparencyReport r) {
        ReportCsv csv = new ReportCsv();
        csv.row("period.from", "", r.from());
        csv.row("period.to", "", r.to());
        csv.row("generatedAt", "", r.generatedAt());

        TransparencyReport.Decisions d = r.decisions();
        csv.row("decisions.total", "", d.total());
        csv.rows("decisions.byCategory", "", d.byCategory());
        csv.rows("decisions.byOutcome", "", d.byOutcome());
        csv.rows("decisions.byDetection", "", d.byDetection());
        csv.rows("decisions.byAutomation", "", d.byAutomation());
        csv.row("decisions.automatedDetection", "", d.automatedDetection());
        for (TransparencyReport.Day day : d.byDay()) {
            csv.row("decisions.byDay.total", day.date().toString(), day.total());
            csv.rows("decisions.byDay.byCategory", day.date() + " ", day.byCategory());
            csv.rows("decisions.byDay.byAutomation", day.date() + " ", day.byAutomation());
        }

        csv.row("sanctions.total", "", r.sanctions().total());
        csv.rows("sanctions.byKind", "", r.sanctions().byKind());
        for (TransparencyReport.KindAndLength k : r.sanctions().byKindAndLength()) {
            csv.row("sanctions.byKindAndLength", k.kind() + " " + k.length(), k.count());
        }

        csv.row("reports.received", "", r.reports().received());
        csv.row("reports.actedOn", "", r.reports().actedOn());
        csv.row("reports.dismissed", "", r.reports().dismissed());
        csv.row("reports.medianSecondsToAct", "", r.reports().medianSecondsToAct());

        TransparencyReport.HeldMessages held = r.heldMessages();
        csv.row("heldMessages.held", "", held.held());
        csv.row("heldMessages.released", "", held.released());
        csv.row("heldMessages.removed", "", held.removed());
        csv.row("heldMessages.waiting", "", held.waiting());
        csv.row("heldMessages.medianWaitSeconds", "", held.medianWaitSeconds());

        TransparencyReport.Appeals a = r.appeals();
        csv.row("appeals.filed", "", a.filed());
        csv.row("appeals.decided", "", a.decided());
        csv.row("appeals.upheld", "", a.upheld());
        csv.row("appeals.reversed", "", a.reversed());
        csv.row("appeals.modified", "", a.modified());
        csv.row("appeals.medianSecondsToDecide", "", a.medianSecondsToDecide());
        for (TransparencyReport.RuleAppeals rule : a.byRule()) {
            csv.row("appeals.byRule.decided", rule.ruleId(), rule.decided());
            csv.row("appeals.byRule.upheld", rule.ruleId(), rule.upheld());
            csv.row("appeals.byRule.reversed", rule.ruleId(), rule.reversed());
            csv.row("appeals.byRule.modified", rule.ruleId(), rule.modified());
            csv.row("appeals.byRule.reversalRate", rule.ruleId(), rule.reversalRate());
        }

        for (TransparencyReport.PolicyPeriod p : r.policyVersions()) {
            csv.row("policyVersions.from", p.version(), p.from());
            csv.row("policyVersions.until", p.version(), p.until());
        }
        return csv.out.toString();
    }

    private void rows(String figure, String keyPrefix, Map<String, Long> values) {
        values.forEach((k, v) -> row(figure, keyPrefix + k, v));
    }

    private void row(String figure, String key, Object value) {
        out.append(figure).append(',').append(cell(key)).append(',').append(cell(text(value))).append("\r\n");
    }

    private static String text(Object value) {
        if (value == null) return "";
        if (value instanceof Double d) return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return value.toString();
    }

    /** RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
    private static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
