package org.paasmaker.engine.job;

/**
 * Hears what happens in a job tree it subscribed to ({@link JobManager#subscribe}). It is called on an
 * engine thread, never on the job's own, one event at a time and in the order they happened; it may
 * take its time (only its own events wait for it) and may throw (the failure is logged, and it goes on
 * hearing).
 */
@FunctionalInterface
public interface JobListener {

    void on(JobEvent event);
}
