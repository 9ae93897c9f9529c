package org.paasmaker.war.rest;

import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.api.rest.JobStateChange;
import java.util.ArrayList;
import java.util.List;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.engine.Jobs;

/**
 * What changed in a job tree since a cursor, as events in a sensible order: a job's new running state,
 * then its new complete log lines, then its children's events, then its final state (so a parent never
 * reads as finished before its children). The engine offers no way to be told of
 * changes, so callers poll this; each event carries the cursor that includes it.
 */
final class JobEvents {

    /** One event: {@code state}, {@code log} or {@code end}, its data, and the cursor after it. */
    record Event(String name, Object data, JobCursor cursor) {
    }

    private final Jobs jobs;
    private final JobId followed;

    JobEvents(Jobs jobs, JobId followed) {
        this.jobs = jobs;
        this.followed = followed;
    }

    /** The events after {@code cursor}; the last is {@code end} once the tree has finished and all is told. */
    List<Event> since(JobCursor cursor) {
        JobView tree = jobs.get(followed);
        List<Event> events = new ArrayList<>();
        JobCursor at = changes(tree, cursor, events);
        if (tree.state().finished()) {
            events.add(new Event("end", JobJson.of(tree), at));
        }
        return events;
    }

    private JobCursor changes(JobView job, JobCursor cursor, List<Event> events) {
        JobCursor.Seen seen = cursor.of(job.id());
        JobState told = seen.state();
        if (job.state() != told && !job.state().finished()) {
            told = job.state();
            cursor = cursor.with(job.id(), new JobCursor.Seen(told, seen.logOffset()));
            events.add(new Event("state", stateChange(job), cursor));
        }
        String log = jobs.log(job.id());
        // The view was taken before the log was read: a finished job's log is whole, a running one's may end mid-line.
        int end = job.state().finished() ? log.length() : log.lastIndexOf('\n') + 1;
        if (end > seen.logOffset()) {
            cursor = cursor.with(job.id(), new JobCursor.Seen(told, end));
            events.add(new Event("log", new JobLogLines(job.id().value(), log.substring(seen.logOffset(), end)), cursor));
        }
        for (JobView child : job.children()) {
            cursor = changes(child, cursor, events);
        }
        if (job.state() != told) {
            cursor = cursor.with(job.id(), new JobCursor.Seen(job.state(), cursor.of(job.id()).logOffset()));
            events.add(new Event("state", stateChange(job), cursor));
        }
        return cursor;
    }

    private static JobStateChange stateChange(JobView job) {
        return new JobStateChange(job.id().value(), job.parentId().map(JobId::value).orElse(null), job.title(),
                job.state(), job.summary());
    }
}
