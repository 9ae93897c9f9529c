package org.paasmaker.war.rest;

import java.util.ArrayList;
import java.util.List;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.rest.JobEventType;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.api.rest.JobStateChange;
import org.paasmaker.engine.Jobs;
import org.paasmaker.engine.job.LogText;

/**
 * What changed in a job tree since a cursor, as events in a sensible order: a job's new running state,
 * then its new complete log lines, then its children's events, then its final state (so a parent never
 * reads as finished before its children). Each event carries the cursor that includes it. Logs are
 * read on from the cursor's offsets, and not at all for jobs the cursor has seen finish, so a call
 * costs little more than what is new; {@link JobEventStream} calls it when the engine tells of a change.
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

    JobId followed() {
        return followed;
    }

    /** The events after {@code cursor}; the last is {@code end} once the tree has finished and all is told. */
    List<Event> since(JobCursor cursor) {
        JobView tree = jobs.get(followed);
        List<Event> events = new ArrayList<>();
        JobCursor at = changes(tree, cursor, events);
        if (tree.state().finished()) {
            events.add(new Event(JobEventType.END.wireName(), JobJson.of(tree), at));
        }
        return events;
    }

    private JobCursor changes(JobView job, JobCursor cursor, List<Event> events) {
        JobCursor.Seen seen = cursor.of(job.id());
        JobState told = seen.state();
        if (told != null && told.finished()) {
            // Its whole log was told before its end was; its children may still have news (a failed group's, at least).
            for (JobView child : job.children()) {
                cursor = changes(child, cursor, events);
            }
            return cursor;
        }
        if (job.state() != told && !job.state().finished()) {
            told = job.state();
            cursor = cursor.with(job.id(), new JobCursor.Seen(told, seen.logOffset()));
            events.add(new Event(JobEventType.STATE.wireName(), stateChange(job), cursor));
        }
        long offset = seen.logOffset();
        while (true) {
            // The view was taken before the log is read: a finished job's log is whole, a running one's may end mid-line.
            LogText read = job.state().finished() ? jobs.log(job.id(), offset) : jobs.logLines(job.id(), offset);
            if (read.next() <= offset) {
                break;
            }
            offset = read.next();
            cursor = cursor.with(job.id(), new JobCursor.Seen(told, offset));
            events.add(new Event(JobEventType.LOG.wireName(), new JobLogLines(job.id().value(), read.text()), cursor));
        }
        for (JobView child : job.children()) {
            cursor = changes(child, cursor, events);
        }
        if (job.state() != told) {
            cursor = cursor.with(job.id(), new JobCursor.Seen(job.state(), offset));
            events.add(new Event(JobEventType.STATE.wireName(), stateChange(job), cursor));
        }
        return cursor;
    }

    private static JobStateChange stateChange(JobView job) {
        return new JobStateChange(job.id().value(), job.parentId().map(JobId::value).orElse(null), job.title(),
                job.state(), job.summary(), job.startedBy().orElse(null));
    }
}
