package org.paasmaker.api.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {

    // A Monday.
    private static final LocalDateTime MONDAY_NOON = LocalDateTime.of(2025, 6, 2, 12, 0);

    private static List<Integer> minutesOfTheHour(String expression) {
        CronExpression cron = CronExpression.parse(expression);
        List<Integer> minutes = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            if (cron.matches(MONDAY_NOON.withMinute(minute))) {
                minutes.add(minute);
            }
        }
        return minutes;
    }

    @Test
    void readsValuesListsRangesAndSteps() {
        assertThat(minutesOfTheHour("* * * * *")).hasSize(60);
        assertThat(minutesOfTheHour("7 * * * *")).containsExactly(7);
        assertThat(minutesOfTheHour("5,10-12,59 * * * *")).containsExactly(5, 10, 11, 12, 59);
        assertThat(minutesOfTheHour("*/15 * * * *")).containsExactly(0, 15, 30, 45);
        assertThat(minutesOfTheHour("1-30/5 * * * *")).containsExactly(1, 6, 11, 16, 21, 26);
        assertThat(minutesOfTheHour("0-10/5,50 * * * *")).containsExactly(0, 5, 10, 50);
    }

    @Test
    void checksEveryField() {
        CronExpression cron = CronExpression.parse("30 9 2 6 *");

        assertThat(cron.matches(LocalDateTime.of(2025, 6, 2, 9, 30))).isTrue();
        assertThat(cron.matches(LocalDateTime.of(2025, 6, 2, 9, 31))).isFalse();
        assertThat(cron.matches(LocalDateTime.of(2025, 6, 2, 10, 30))).isFalse();
        assertThat(cron.matches(LocalDateTime.of(2025, 6, 3, 9, 30))).isFalse();
        assertThat(cron.matches(LocalDateTime.of(2025, 7, 2, 9, 30))).isFalse();
    }

    @Test
    void ignoresSeconds() {
        assertThat(CronExpression.parse("30 9 * * *").matches(LocalDateTime.of(2025, 6, 2, 9, 30, 59))).isTrue();
    }

    @Test
    void readsMonthAndDayNamesInAnyCase() {
        CronExpression cron = CronExpression.parse("0 0 * JAN,Jun-aug Mon-FRI");

        assertThat(cron.matches(LocalDateTime.of(2025, 6, 2, 0, 0))).isTrue();
        assertThat(cron.matches(LocalDateTime.of(2025, 6, 7, 0, 0))).as("a Saturday").isFalse();
        assertThat(cron.matches(LocalDateTime.of(2025, 5, 5, 0, 0))).as("May").isFalse();
        assertThat(cron.matches(LocalDateTime.of(2025, 1, 6, 0, 0))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0 0 * * 0", "0 0 * * 7", "0 0 * * sun", "0 0 * * SUN", "0 0 * * fri-sun", "0 0 * * 5-7"})
    void takesZeroAndSevenAsSunday(String expression) {
        CronExpression cron = CronExpression.parse(expression);

        assertThat(cron.matches(LocalDateTime.of(2025, 6, 1, 0, 0))).as("a Sunday").isTrue();
        assertThat(cron.matches(LocalDateTime.of(2025, 6, 4, 0, 0))).as("a Wednesday").isFalse();
    }

    @Test
    void matchesEitherDayWhenBothDayFieldsAreRestricted() {
        CronExpression cron = CronExpression.parse("0 0 13 * fri");

        assertThat(cron.matches(LocalDateTime.of(2025, 6, 13, 0, 0))).as("Friday the 13th").isTrue();
        assertThat(cron.matches(LocalDateTime.of(2025, 5, 13, 0, 0))).as("Tuesday the 13th").isTrue();
        assertThat(cron.matches(LocalDateTime.of(2025, 6, 6, 0, 0))).as("Friday the 6th").isTrue();
        assertThat(cron.matches(LocalDateTime.of(2025, 6, 5, 0, 0))).as("Thursday the 5th").isFalse();
    }

    @Test
    void matchesBothDaysWhenADayFieldStartsWithAStar() {
        CronExpression everyFriday = CronExpression.parse("0 0 * * fri");
        CronExpression oddFridays = CronExpression.parse("0 0 */2 * fri");

        assertThat(everyFriday.matches(LocalDateTime.of(2025, 6, 6, 0, 0))).isTrue();
        assertThat(everyFriday.matches(LocalDateTime.of(2025, 6, 5, 0, 0))).isFalse();
        assertThat(oddFridays.matches(LocalDateTime.of(2025, 6, 13, 0, 0))).isTrue();
        assertThat(oddFridays.matches(LocalDateTime.of(2025, 6, 27, 0, 0))).isTrue();
        assertThat(oddFridays.matches(LocalDateTime.of(2025, 6, 20, 0, 0))).as("an even day").isFalse();
        assertThat(oddFridays.matches(LocalDateTime.of(2025, 6, 3, 0, 0))).as("an odd Tuesday").isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "@yearly, 0 0 1 1 *",
        "@annually, 0 0 1 1 *",
        "@monthly, 0 0 1 * *",
        "@weekly, 0 0 * * 0",
        "@daily, 0 0 * * *",
        "@midnight, 0 0 * * *",
        "@hourly, 0 * * * *",
        "@DAILY, 0 0 * * *"})
    void readsTheNamedSchedules(String name, String fields) {
        CronExpression named = CronExpression.parse(name);
        CronExpression written = CronExpression.parse(fields);
        ZonedDateTime time = ZonedDateTime.of(2024, 12, 30, 23, 59, 0, 0, ZoneOffset.UTC);

        for (int i = 0; i < 5; i++) {
            ZonedDateTime next = written.next(time);
            assertThat(named.next(time)).isEqualTo(next);
            time = next;
        }
        assertThat(named.text()).isEqualTo(name);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
        ''                 | it is empty
        '   '              | it is empty
        every tuesday      | expected 5 fields (minute hour day-of-month month day-of-week) or a name such as @daily, found 2
        * * * *            | expected 5 fields (minute hour day-of-month month day-of-week) or a name such as @daily, found 4
        * * * * * *        | expected 5 fields (minute hour day-of-month month day-of-week) or a name such as @daily, found 6
        @reboot            | unknown name '@reboot'; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly
        60 * * * *         | minute 60 is not between 0 and 59
        * 24 * * *         | hour 24 is not between 0 and 23
        * * 0 * *          | day-of-month 0 is not between 1 and 31
        * * 32 * *         | day-of-month 32 is not between 1 and 31
        * * * 13 *         | month 13 is not between 1 and 12
        * * * * 8          | day-of-week 8 is not between 0 and 7
        x * * * *          | minute 'x' is not a number
        * * * foo *        | month 'foo' is not a number or a name (jan-dec)
        * * * * tues       | day-of-week 'tues' is not a number or a name (sun-sat)
        -5 * * * *         | minute '-5' is not a number
        1,,2 * * * *       | minute '1,,2' has an empty entry between commas
        1, * * * *         | minute '1,' has an empty entry between commas
        10-5 * * * *       | minute range '10-5' goes backwards; write 5-10
        1-2-3 * * * *      | minute '1-2-3' is not a range such as 1-5
        */0 * * * *        | minute step in '*/0' must be 1 or more, not 0
        */x * * * *        | minute step 'x' in '*/x' must be a whole number of 1 or more
        */5/2 * * * *      | minute '*/5/2' has more than one step
        5/15 * * * *       | minute '5/15' has a step without a range; write */15 or 5-59/15
        0 0 30 2 *         | it never matches: feb has no day 30
        0 0 30,31 feb *    | it never matches: feb has no day 30 or 31
        0 0 31 4,6,9,11 *  | it never matches: apr, jun, sep, nov have no day 31
        """)
    void saysWhatIsWrong(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> CronExpression.parse(text)).withMessage(message);
    }

    @Test
    void acceptsADayThatOnlyLeapYearsHave() {
        CronExpression leapDay = CronExpression.parse("0 0 29 2 *");

        assertThat(leapDay.next(ZonedDateTime.of(2025, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo(ZonedDateTime.of(2028, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC));
        // 2100 is not a leap year: eight years between two February 29ths.
        assertThat(leapDay.next(ZonedDateTime.of(2096, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo(ZonedDateTime.of(2104, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void findsTheNextMinuteStrictlyAfter() {
        CronExpression quarterly = CronExpression.parse("*/15 * * * *");
        ZonedDateTime tenOhSeven = ZonedDateTime.of(2025, 6, 2, 10, 7, 0, 0, ZoneOffset.UTC);

        assertThat(quarterly.next(tenOhSeven)).isEqualTo(tenOhSeven.withMinute(15));
        assertThat(quarterly.next(tenOhSeven.withMinute(15))).isEqualTo(tenOhSeven.withMinute(30));
        assertThat(quarterly.next(tenOhSeven.withMinute(15).withSecond(30))).isEqualTo(tenOhSeven.withMinute(30));
        assertThat(quarterly.next(tenOhSeven.withMinute(59))).isEqualTo(tenOhSeven.withHour(11).withMinute(0));
    }

    @Test
    void findsTheNextMinuteAcrossMonthsAndYears() {
        CronExpression newYear = CronExpression.parse("@yearly");
        CronExpression weekdayMornings = CronExpression.parse("30 8 * * mon-fri");
        ZonedDateTime fridayEvening = ZonedDateTime.of(2025, 12, 26, 18, 0, 0, 0, ZoneOffset.UTC);

        assertThat(newYear.next(fridayEvening)).isEqualTo(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(weekdayMornings.next(fridayEvening))
                .isEqualTo(ZonedDateTime.of(2025, 12, 29, 8, 30, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void firesAMinuteThatADaylightSavingGapSkipsJustAfterTheGap() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime beforeTheGap = ZonedDateTime.of(2025, 3, 30, 1, 0, 0, 0, berlin);

        ZonedDateTime next = CronExpression.parse("30 2 * * *").next(beforeTheGap);

        assertThat(next).isEqualTo(ZonedDateTime.of(2025, 3, 30, 3, 30, 0, 0, berlin));
        assertThat(next.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    }

    @Test
    void firesOnceInAnHourThatDaylightSavingRepeats() {
        ZoneId newYork = ZoneId.of("America/New_York");
        CronExpression cron = CronExpression.parse("30 1 * * *");

        ZonedDateTime first = cron.next(ZonedDateTime.of(2025, 11, 2, 0, 0, 0, 0, newYork));

        assertThat(first.toOffsetDateTime()).isEqualTo(java.time.OffsetDateTime.of(2025, 11, 2, 1, 30, 0, 0,
                ZoneOffset.ofHours(-4)));
        assertThat(cron.next(first).toLocalDateTime()).isEqualTo(LocalDateTime.of(2025, 11, 3, 1, 30));
    }

    @Test
    void isEqualToAnExpressionWrittenTheSame() {
        assertThat(CronExpression.parse(" 0 0 * * * ")).isEqualTo(CronExpression.parse("0 0 * * *"))
                .hasSameHashCodeAs(CronExpression.parse("0 0 * * *"));
        assertThat(CronExpression.parse("@daily")).isNotEqualTo(CronExpression.parse("0 0 * * *"));
        assertThat(CronExpression.parse("*/5  *  * * *").text()).isEqualTo("*/5  *  * * *");
        assertThat(CronExpression.parse("@hourly")).hasToString("@hourly");
    }
}
