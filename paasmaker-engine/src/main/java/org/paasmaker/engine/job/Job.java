package org.paasmaker.engine.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;

/**
 * One node of a job tree while it lives in the engine. Mutable, guarded by its own monitor; the
 * outside world only ever sees {@link JobView} snapshots of it.
 */
public final class Job {

    private final JobId id;
    private final Job parent;
    private final String title;
    private final Path logFile;
    private final Instant createdAt;
    private final List<Job> children = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private JobState state = JobState.WAITING;
    private String summary = "";
    private Instant startedAt;
    private Instant finishedAt;

    Job(JobId id, Job parent, String title, Path logFile, Instant createdAt) {
        this.id = id;
        this.parent = parent;
        this.title = title;
        this.logFile = logFile;
        this.createdAt = createdAt;
    }

    public JobId id() {
        return id;
    }

    public String title() {
        return title;
    }

    Optional<Job> parent() {
        return Optional.ofNullable(parent);
    }

    Job root() {
        return parent == null ? this : parent.root();
    }

    Path logFile() {
        return logFile;
    }

    public synchronized JobState state() {
        return state;
    }

    /** Records what the job is about ({@code version_id}, ...); shown with the job and its ancestors. */
    public synchronized void tag(String key, String value) {
        tags.put(key, value);
    }

    synchronized void addChild(Job child) {
        children.add(child);
    }

    synchronized List<Job> children() {
        return List.copyOf(children);
    }

    synchronized void start(Instant now) {
        if (state == JobState.WAITING) {
            state = JobState.RUNNING;
            startedAt = now;
        }
    }

    /** Moves to a final state; a job that already finished keeps its first outcome. */
    synchronized boolean finish(JobState outcome, String why, Instant now) {
        if (state.finished()) {
            return false;
        }
        state = outcome;
        summary = why;
        finishedAt = now;
        return true;
    }

    public JobView view() {
        List<Job> snapshotChildren;
        JobView self;
        synchronized (this) {
            snapshotChildren = List.copyOf(children);
            self = new JobView(id, parent().map(Job::id), title, state, summary, tags, createdAt,
                    Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt), List.of());
        }
        List<JobView> childViews = snapshotChildren.stream().map(Job::view).toList();
        return new JobView(self.id(), self.parentId(), self.title(), self.state(), self.summary(), self.tags(),
                self.createdAt(), self.startedAt(), self.finishedAt(), childViews);
    }
}
