package org.stoa.server.transparency;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.WireName;
import org.stoa.server.enforcement.DecisionRecord.Automation;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.transparency.TransparencyReport.Day;
import org.stoa.server.transparency.TransparencyReport.KindAndLength;

/**
 * Adds up a period's restrictions, one at a time, into the report's figures about decisions,
 * sanctions, held messages and reports acted on: the same rows the statements of reasons are made
 * of, so the two cannot disagree. Holds only counts and the durations medians need.
 */
final class ReportTally {

    static final String NO_CATEGORY = "none";

    private long total;
    private long automatedDetection;
    private final Map<String, Long> byCategory = keys(categories());
    private final Map<String, Long> byOutcome = keys(Restriction.OUTCOMES.stream().map(WireName::of).toList());
    private final Map<String, Long> byDetection = keys(names(Detection.values()));
    private final Map<String, Long> byAutomation = keys(names(Automation.values()));
    private final TreeMap<LocalDate, DayCounts> days = new TreeMap<>();

    private final Map<String, Long> sanctionsByKind = keys(names(SanctionKind.values()));
    private final Map<KindLength, Long> sanctionsByKindAndLength = new TreeMap<>(KindLength.ORDER);

    private long held;
    private long released;
    private long removedAfterHold;
    private final LongStream.Builder waits = LongStream.builder();

    private long reportsActedOn;
    private final LongStream.Builder timesToAct = LongStream.builder();

    private record DayCounts(long[] total, Map<String, Long> byCategory, Map<String, Long> byAutomation) {}

    private record KindLength(SanctionKind kind, String length, Duration duration) {
        static final Comparator<KindLength> ORDER = Comparator.comparing(KindLength::kind)
                .thenComparing(KindLength::duration, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    ReportTally(ReportPeriod period) {
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            days.put(d, new DayCounts(new long[1], new LinkedHashMap<>(), new LinkedHashMap<>()));
        }
    }

    void add(Restriction r) {
        total++;
        String category = r.ground().category() == null ? NO_CATEGORY : WireName.of(r.ground().category());
        String automation = WireName.of(r.origin().automation());
        byCategory.merge(category, 1L, Long::sum);
        byOutcome.merge(WireName.of(r.outcome()), 1L, Long::sum);
        byDetection.merge(WireName.of(r.origin().detection()), 1L, Long::sum);
        byAutomation.merge(automation, 1L, Long::sum);
        if (r.origin().detection().automated()) automatedDetection++;
        DayCounts day = days.get(LocalDate.ofInstant(r.decidedAt(), ZoneOffset.UTC));
        day.total()[0]++;
        day.byCategory().merge(category, 1L, Long::sum);
        day.byAutomation().merge(automation, 1L, Long::sum);

        Restriction.Imposed s = r.sanction();
        if (s != null) {
            sanctionsByKind.merge(WireName.of(s.kind()), 1L, Long::sum);
            sanctionsByKindAndLength.merge(new KindLength(s.kind(), s.lengthLabel(), s.length()), 1L, Long::sum);
        }
        if (r.held() != null) {
            held++;
            if (r.held().reviewedAt() != null) {
                waits.add(r.held().reviewedAt().toEpochMilli() - r.decidedAt().toEpochMilli());
                if (r.held().endedBy() == Outcome.APPROVED) released++;
                else removedAfterHold++;
            }
        }
        for (Instant filed : r.reportsFiled()) {
            reportsActedOn++;
            timesToAct.add(r.decidedAt().toEpochMilli() - filed.toEpochMilli());
        }
    }

    TransparencyReport.Decisions decisions() {
        List<Day> byDay = new ArrayList<>();
        days.forEach((date, c) -> byDay.add(new Day(date, c.total()[0], c.byCategory(), c.byAutomation())));
        return new TransparencyReport.Decisions(total, byCategory, byOutcome, byDetection, byAutomation, automatedDetection, byDay);
    }

    TransparencyReport.Sanctions sanctions() {
        List<KindAndLength> byKindAndLength = new ArrayList<>();
        sanctionsByKindAndLength.forEach((k, n) -> byKindAndLength.add(new KindAndLength(WireName.of(k.kind()), k.length(), n)));
        return new TransparencyReport.Sanctions(sanctionsByKind.values().stream().mapToLong(Long::longValue).sum(),
                sanctionsByKind, byKindAndLength);
    }

    TransparencyReport.HeldMessages heldMessages() {
        return new TransparencyReport.HeldMessages(held, released, removedAfterHold, held - released - removedAfterHold,
                medianSeconds(waits));
    }

    long reportsActedOn() {
        return reportsActedOn;
    }

    Double medianSecondsToAct() {
        return medianSeconds(timesToAct);
    }

    /** The median of durations in milliseconds, in seconds; the mean of the middle two for an even count; null for none. */
    static Double medianSeconds(LongStream.Builder millis) {
        long[] v = millis.build().sorted().toArray();
        if (v.length == 0) return null;
        int mid = v.length / 2;
        double ms = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
        return ms / 1000.0;
    }

    private static List<String> categories() {
        List<String> out = new ArrayList<>(names(Category.values()));
        out.add(NO_CATEGORY);
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) out.add(WireName.of(v));
        return out;
    }

    private static Map<String, Long> keys(List<String> names) {
        Map<String, Long> m = new LinkedHashMap<>();
        names.forEach(n -> m.put(n, 0L));
        return m;
    }
}
