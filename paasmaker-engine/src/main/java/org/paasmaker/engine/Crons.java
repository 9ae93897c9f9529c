package org.paasmaker.engine;

import java.util.List;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.cron.CronRunner;
import org.paasmaker.engine.cron.CurrentVersionCrons;

/** The engine's web-cron views: which crons an application's current version has, and what each did. */
public final class Crons {

    private final Store store;
    private final CurrentVersionCrons crons;
    private final CronRunner runner;

    Crons(Store store, CurrentVersionCrons crons, CronRunner runner) {
        this.store = store;
        this.crons = crons;
        this.runner = runner;
    }

    /** The keys of the application's crons, such as {@code app-7/web/0-1a2b3c4d}. */
    public List<String> keys(ApplicationId application) {
        store.applications().get(application);
        return crons.keys(application);
    }

    /**
     * The last lines of a cron's log, oldest first: one JSON object per run or missed slot, with
     * {@code time}, {@code slot}, {@code outcome}, {@code status}, {@code duration_ms} and the start
     * of the response {@code body}.
     */
    public List<String> log(String key, int lastLines) {
        return runner.log(key, lastLines);
    }
}
