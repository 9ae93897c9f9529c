package org.paasmaker.engine.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;

/**
 * One node of a job tree while it lives in the engine. Mutable, guarded by its own monitor; the
 * outside world only ever sees {@link JobView} snapshots of it. Each change is reported, outside the
 * monitor, to whoever keeps the tree's record, and published as a {@link JobEvent} inside it, so that
 * listeners hear a job's changes in the order they were made (publishing only queues the event).
 */
public final class Job {

    private final JobId id;
    private final Job parent;
    private final String title;
    private final JobLog log;
    private final Instant createdAt;
    /** The root's: a tree has one starter. */
    private final Optional<String> startedBy;
    private final Consumer<Job> changes;
    private final BiConsumer<Job, JobEvent> events;
    private final List<Job> children = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private JobState state = JobState.WAITING;
    private String summary = "";
    private Instant startedAt;
    private Instant finishedAt;
    /** The log's length as last published: growth is told once, however many look at the file. */
    private long logLength;

    Job(JobId id, Job parent, String title, Map<String, String> tags, Optional<String> startedBy, JobLog log,
            Instant createdAt, Consumer<Job> changes, BiConsumer<Job, JobEvent> events) {
        this.id = id;
        this.startedBy = parent == null ? startedBy : parent.startedBy;
        this.parent = parent;
        this.title = title;
        this.tags.putAll(tags);
        this.log = log;
        this.createdAt = createdAt;
        this.changes = changes;
        this.events = events;
    }

    /** Rebuilds a recorded tree as it was; it reports changes like a new one. */
    static Job restore(JobView view, Job parent, Function<JobId, JobLog> logs, Consumer<Job> changes,
            BiConsumer<Job, JobEvent> events) {
        Job job = new Job(view.id(), parent, view.title(), view.tags(), view.startedBy(), logs.apply(view.id()),
                view.createdAt(),
                changes, events);
        job.state = view.state();
        job.summary = view.summary();
        job.startedAt = view.startedAt().orElse(null);
        job.finishedAt = view.finishedAt().orElse(null);
        view.children().forEach(child -> job.children.add(restore(child, job, logs, changes, events)));
        return job;
    }

    public JobId id() {
        return id;
    }

    public String title() {
        return title;
    }

    Optional<String> startedBy() {
        return startedBy;
    }

    Optional<Job> parent() {
        return Optional.ofNullable(parent);
    }

    Job root() {
        return parent == null ? this : parent.root();
    }

    Path logFile() {
        return log.file();
    }

    JobLog log() {
        return log;
    }

    public synchronized JobState state() {
        return state;
    }

    /** Records what the job is about ({@code version_id}, ...); shown with the job and its ancestors. */
    public void tag(String key, String value) {
        synchronized (this) {
            tags.put(key, value);
            events.accept(this, new JobEvent.Tagged(id, key, value));
        }
        changes.accept(this);
    }

    void addChild(Job child) {
        synchronized (this) {
            children.add(child);
        }
        changes.accept(this);
    }

    synchronized List<Job> children() {
        return List.copyOf(children);
    }

    void start(Instant now) {
        synchronized (this) {
            if (state != JobState.WAITING) {
                return;
            }
            state = JobState.RUNNING;
            startedAt = now;
            events.accept(this, stateChanged(now));
        }
        changes.accept(this);
    }

    /** Moves to a final state; a job that already finished keeps its first outcome. */
    boolean finish(JobState outcome, String why, Instant now) {
        synchronized (this) {
            if (state.finished()) {
                return false;
            }
            state = outcome;
            summary = why;
            finishedAt = now;
            events.accept(this, stateChanged(now));
        }
        changes.accept(this);
        return true;
    }

    /** The log has grown to {@code length} bytes, as its writer or a look at the file found. */
    void logWritten(long length) {
        synchronized (this) {
            if (length <= logLength) {
                return;
            }
            logLength = length;
            events.accept(this, new JobEvent.LogWritten(id, length));
        }
    }

    private JobEvent.StateChanged stateChanged(Instant at) {
        return new JobEvent.StateChanged(id, parent().map(Job::id), title, state, summary, at);
    }

    public JobView view() {
        List<Job> snapshotChildren;
        JobView self;
        synchronized (this) {
            snapshotChildren = List.copyOf(children);
            self = new JobView(id, parent().map(Job::id), title, state, summary, tags, startedBy, createdAt,
                    Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt), List.of());
        }
        List<JobView> childViews = snapshotChildren.stream().map(Job::view).toList();
        return new JobView(self.id(), self.parentId(), self.title(), self.state(), self.summary(), self.tags(),
                self.startedBy(), self.createdAt(), self.startedAt(), self.finishedAt(), childViews);
    }
}
