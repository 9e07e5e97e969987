package org.stoa.server.transparency;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import org.stoa.server.http.ApiException;

/**
 * The days a report covers, {@code from} to {@code to} inclusive, in UTC: at most
 * {@value #MAX_DAYS} of them (a year, leap day included).
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    public static final int MAX_DAYS = 366;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * From the query parameters {@code from} and {@code to}: 400 {@code invalid_date} for a missing
     * or malformed one (naming it), {@code invalid_date_range} when {@code from} is after
     * {@code to}, {@code date_range_too_long} beyond {@value #MAX_DAYS} days.
     */
    public static ReportPeriod parse(String rawFrom, String rawTo) {
        LocalDate from = date("from", rawFrom);
        LocalDate to = date("to", rawTo);
        if (from.isAfter(to)) {
            throw new ApiException(400, "invalid_date_range", "from (" + from + ") is after to (" + to + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new ApiException(400, "date_range_too_long", "a report covers at most " + MAX_DAYS + " days; "
                    + from + " to " + to + " is " + days, Map.of("maxDays", MAX_DAYS));
        }
        return new ReportPeriod(from, to);
    }

    private static LocalDate date(String name, String raw) {
        String hint = name + " is a date such as 2026-01-31 (UTC)";
        if (raw == null || raw.isBlank()) {
            throw new ApiException(400, "invalid_date", name + " is missing: " + hint, Map.of("parameter", name));
        }
        if (!DATE.matcher(raw).matches()) {
            throw new ApiException(400, "invalid_date", "'" + shorten(raw) + "' is not a date: " + hint, Map.of("parameter", name));
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_date", raw + " is not a day of the calendar: " + hint, Map.of("parameter", name));
        }
    }

    private static String shorten(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
    }

    /** The first millisecond of {@code from}, UTC. */
    long fromMillis() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The first millisecond after {@code to}, UTC. */
    long untilMillis() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }
}
