package org.paasmaker.engine.cron;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.cron.CronExpression;

/**
 * What to do with a cron's slots at one check: its minutes (in UTC) that the runspec matches, after
 * the last one handled and up to the current minute. The latest is due; the ones before it were
 * missed, because the engine was down or a check came late, and are never run late.
 *
 * @param missed the missed slots, oldest first, at most {@link #MAX_LISTED} of the latest ones
 * @param unlisted the missed slots older than those listed, if any
 * @param due the slot to run now, if any
 * @param handledThrough the slot the ledger should hold once this plan is carried out
 */
record SlotPlan(List<Instant> missed, Optional<Unlisted> unlisted, Optional<Instant> due, Instant handledThrough) {

    /** Enough to show a pattern in the log without flooding it after a long downtime of a frequent cron. */
    static final int MAX_LISTED = 60;

    /** Missed slots summarized in one log line. */
    record Unlisted(long count, Instant first, Instant last) {
    }

    /**
     * @param lastHandled the last slot handled; for a cron never seen, the plan starts at the current
     *     minute, so nothing from before it is due or missed
     */
    static SlotPlan of(CronExpression runspec, Optional<Instant> lastHandled, Instant now) {
        ZonedDateTime currentMinute = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime after = lastHandled.map(slot -> slot.atZone(ZoneOffset.UTC)).orElse(currentMinute.minusMinutes(1));
        Deque<Instant> slots = new ArrayDeque<>();
        long unlistedCount = 0;
        Instant firstUnlisted = null;
        Instant lastUnlisted = null;
        for (ZonedDateTime slot = runspec.next(after); !slot.isAfter(currentMinute); slot = runspec.next(slot)) {
            slots.addLast(slot.toInstant());
            // One listed missed slot more than MAX_LISTED: the last slot is the due one, not a missed one.
            if (slots.size() > MAX_LISTED + 1) {
                lastUnlisted = slots.removeFirst();
                firstUnlisted = unlistedCount == 0 ? lastUnlisted : firstUnlisted;
                unlistedCount++;
            }
        }
        Optional<Unlisted> unlisted = unlistedCount == 0
                ? Optional.empty()
                : Optional.of(new Unlisted(unlistedCount, firstUnlisted, lastUnlisted));
        if (slots.isEmpty()) {
            return new SlotPlan(List.of(), unlisted, Optional.empty(), after.toInstant());
        }
        Instant due = slots.removeLast();
        return new SlotPlan(List.copyOf(slots), unlisted, Optional.of(due), due);
    }
}
