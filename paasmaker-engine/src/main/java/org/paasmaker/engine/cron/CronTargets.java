package org.paasmaker.engine.cron;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** What the engine tells the cron runner at each check: which crons exist, and where to call them. */
public interface CronTargets {

    /** The crons of the current versions, now. */
    List<CronJob> crons();

    /**
     * The base URI, such as {@code http://127.0.0.1:42001}, of one RUNNING instance of the key's
     * instance type; empty when none runs, and then the slot is logged as skipped.
     */
    Optional<URI> target(String key);
}
