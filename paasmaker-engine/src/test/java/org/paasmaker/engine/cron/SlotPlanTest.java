package org.paasmaker.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.cron.CronExpression;

class SlotPlanTest {

    private static final CronExpression EVERY_FIVE = CronExpression.parse("*/5 * * * *");
    private static final CronExpression EVERY_MINUTE = CronExpression.parse("* * * * *");

    @Test
    void aNewCronStartsAtTheCurrentMinute() {
        SlotPlan matching = SlotPlan.of(EVERY_FIVE, Optional.empty(), at("12:05:59"));
        SlotPlan between = SlotPlan.of(EVERY_FIVE, Optional.empty(), at("12:04:30"));

        assertThat(matching.due()).contains(at("12:05:00"));
        assertThat(matching.missed()).isEmpty();
        assertThat(between.due()).isEmpty();
        assertThat(between.handledThrough()).as("the next check starts after it").isEqualTo(at("12:03:00"));
    }

    @Test
    void theLatestSlotIsDueAndTheEarlierOnesMissed() {
        SlotPlan plan = SlotPlan.of(EVERY_FIVE, Optional.of(at("12:05:00")), at("12:21:00"));

        assertThat(plan.missed()).containsExactly(at("12:10:00"), at("12:15:00"));
        assertThat(plan.unlisted()).isEmpty();
        assertThat(plan.due()).contains(at("12:20:00"));
        assertThat(plan.handledThrough()).isEqualTo(at("12:20:00"));
    }

    @Test
    void nothingIsDueTwiceInOneMinute() {
        SlotPlan plan = SlotPlan.of(EVERY_MINUTE, Optional.of(at("12:05:00")), at("12:05:59"));

        assertThat(plan.due()).isEmpty();
        assertThat(plan.missed()).isEmpty();
        assertThat(plan.handledThrough()).isEqualTo(at("12:05:00"));
    }

    @Test
    void aClockSetBackRunsNothingUntilItPassesTheLastSlotAgain() {
        SlotPlan plan = SlotPlan.of(EVERY_MINUTE, Optional.of(at("12:05:00")), at("11:50:00"));

        assertThat(plan.due()).isEmpty();
        assertThat(plan.handledThrough()).isEqualTo(at("12:05:00"));
    }

    @Test
    void aLongDowntimeListsTheLatestMissedSlotsAndSumsUpTheRest() {
        SlotPlan plan = SlotPlan.of(EVERY_MINUTE, Optional.of(at("10:00:00")), at("12:00:30"));

        assertThat(plan.due()).contains(at("12:00:00"));
        assertThat(plan.missed()).hasSize(SlotPlan.MAX_LISTED)
                .startsWith(at("11:00:00")).endsWith(at("11:59:00"));
        assertThat(plan.unlisted()).contains(new SlotPlan.Unlisted(59, at("10:01:00"), at("10:59:00")));
    }

    private static Instant at(String time) {
        return Instant.parse("2025-06-02T" + time + "Z");
    }
}
