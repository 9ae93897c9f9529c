package org.paasmaker.engine.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;

/**
 * One node of a job tree while it lives in the engine. Mutable, guarded by its own monitor; the
 * outside world only ever sees {@link JobView} snapshots of it. Each change is reported, outside the
 * monitor, to whoever keeps the tree's record.
 */
public final class Job {

    private final JobId id;
    private final Job parent;
    private final String title;
    private final Path logFile;
    private final Instant createdAt;
    private final Consumer<Job> changes;
    private final List<Job> children = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private JobState state = JobState.WAITING;
    private String summary = "";
    private Instant startedAt;
    private Instant finishedAt;

    Job(JobId id, Job parent, String title, Map<String, String> tags, Path logFile, Instant createdAt,
            Consumer<Job> changes) {
        this.id = id;
        this.parent = parent;
        this.title = title;
        this.tags.putAll(tags);
        this.logFile = logFile;
        this.createdAt = createdAt;
        this.changes = changes;
    }

    /** Rebuilds a recorded tree as it was; it reports changes like a new one. */
    static Job restore(JobView view, Job parent, Function<JobId, Path> logFiles, Consumer<Job> changes) {
        Job job = new Job(view.id(), parent, view.title(), view.tags(), logFiles.apply(view.id()), view.createdAt(),
                changes);
        job.state = view.state();
        job.summary = view.summary();
        job.startedAt = view.startedAt().orElse(null);
        job.finishedAt = view.finishedAt().orElse(null);
        view.children().forEach(child -> job.children.add(restore(child, job, logFiles, changes)));
        return job;
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
    public void tag(String key, String value) {
        synchronized (this) {
            tags.put(key, value);
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
        }
        changes.accept(this);
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
