package org.paasmaker.api.cron;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A cron runspec as the original Paasmaker's manifests wrote it (its cronex syntax): five fields,
 * {@code minute hour day-of-month month day-of-week}, or one of the names {@code @yearly @annually
 * @monthly @weekly @daily @midnight @hourly}.
 *
 * <p>A field is {@code *}, a value, a range {@code 1-5}, a step {@code *&#47;15} or {@code 1-30/5}, or a
 * comma-separated list of those. Months take the names jan-dec and days of the week sun-sat, in any
 * case; 0 and 7 are both Sunday. As in Vixie cron, when both day fields are restricted (neither starts
 * with {@code *}), a day matches if either of them matches; otherwise both must.
 *
 * <p>Two expressions are equal when they are written the same ({@code @daily} and {@code 0 0 * * *}
 * are not equal, although they match the same minutes).
 */
public final class CronExpression {

    private static final Map<String, String> NAMES = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final List<String> NAME_ORDER =
            List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

    // The rarest minute a valid expression allows is a February 29th, up to 8 years away (2096 to 2104).
    private static final int SEARCH_YEARS = 9;

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean eitherDayMatches;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = CronField.MINUTE.read(fields[0]);
        this.hours = CronField.HOUR.read(fields[1]);
        this.daysOfMonth = CronField.DAY_OF_MONTH.read(fields[2]);
        this.months = CronField.MONTH.read(fields[3]);
        this.daysOfWeek = CronField.DAY_OF_WEEK.read(fields[4]);
        this.eitherDayMatches = !fields[2].startsWith("*") && !fields[4].startsWith("*");
        if (!eitherDayMatches && !monthsHaveTheirDays()) {
            throw new IllegalArgumentException("it never matches: " + CronField.MONTH.describe(months)
                    + (Long.bitCount(months) == 1 ? " has" : " have") + " no day "
                    + CronField.DAY_OF_MONTH.describe(daysOfMonth).replace(", ", " or "));
        }
    }

    /**
     * Reads a runspec.
     *
     * @throws IllegalArgumentException with a message that says what is wrong, such as
     *     {@code minute 61 is not between 0 and 59}
     */
    public static CronExpression parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (trimmed.startsWith("@")) {
            String fields = NAMES.get(trimmed.toLowerCase(Locale.ROOT));
            if (fields == null) {
                throw new IllegalArgumentException(
                        "unknown name '" + trimmed + "'; use one of " + String.join(", ", NAME_ORDER));
            }
            return new CronExpression(trimmed, fields.split(" "));
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week)"
                    + " or a name such as @daily, found " + fields.length);
        }
        return new CronExpression(trimmed, fields);
    }

    /** The expression as written, without surrounding white space. */
    public String text() {
        return text;
    }

    /** Whether the expression fires in the minute {@code time} falls in (seconds are ignored). */
    public boolean matches(LocalDateTime time) {
        return has(minutes, time.getMinute()) && has(hours, time.getHour()) && dayMatches(time.toLocalDate());
    }

    /**
     * The first minute strictly after {@code after} at which the expression fires, in {@code after}'s
     * zone. A minute that a daylight-saving gap skips fires at the first instant after the gap.
     */
    public ZonedDateTime next(ZonedDateTime after) {
        LocalDateTime candidate = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = candidate.plusYears(SEARCH_YEARS);
        while (candidate.isBefore(limit)) {
            if (!has(months, candidate.getMonthValue())) {
                candidate = candidate.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(candidate.toLocalDate())) {
                candidate = candidate.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!has(hours, candidate.getHour())) {
                candidate = candidate.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!has(minutes, candidate.getMinute())) {
                candidate = candidate.plusMinutes(1);
            } else {
                ZonedDateTime found = ZonedDateTime.ofLocal(candidate, after.getZone(), after.getOffset());
                if (found.isAfter(after)) {
                    return found;
                }
                candidate = candidate.plusMinutes(1);
            }
        }
        // parse() refuses expressions that never match, so only a bug gets here.
        throw new IllegalStateException("'" + text + "' does not fire within " + SEARCH_YEARS + " years of " + after);
    }

    private boolean dayMatches(LocalDate date) {
        if (!has(months, date.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = has(daysOfMonth, date.getDayOfMonth());
        boolean dayOfWeek = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        return eitherDayMatches ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private boolean monthsHaveTheirDays() {
        for (int month = 1; month <= 12; month++) {
            // 2000 is a leap year, so February gets its 29th.
            int length = LocalDate.of(2000, month, 1).lengthOfMonth();
            if (has(months, month) && (daysOfMonth & ((1L << (length + 1)) - 1)) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(long bits, int value) {
        return (bits & (1L << value)) != 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
