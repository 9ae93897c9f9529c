package org.paasmaker.engine.cron;

import java.util.Locale;

/** How one slot of a cron ended, as its log line says it. */
enum CronOutcome {
    /** Called, and answered with a 2xx status. */
    OK,
    /** Called, and answered with another status, or not answered at all. */
    FAILED,
    /** Not called: the engine was down, or not checking, at that minute. */
    MISSED,
    /** Not called on purpose: no instance runs, or the previous run is still going. */
    SKIPPED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
