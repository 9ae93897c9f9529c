package org.paasmaker.engine.job;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;

/**
 * Saves changed trees off the threads that change them. A record is written whole, so its cost grows
 * with the tree: a step's thread only marks its tree as due, and one save at a time, on the
 * executor, writes each due tree as it stands then. The changes that come in while a save is due
 * share it, so a busy tree is written as often as the disk allows and its steps never wait for it.
 */
final class TreeRecorder implements AutoCloseable {

    private static final String LATER = "The next engine will show this job as it was last saved.";

    /** Keeps a tree in the store, whole. */
    private final Consumer<JobView> records;
    private final Executor executor;
    private final Consumer<String> warnings;
    /** Held for each save and by close, so that close sees no save half done. */
    private final Object saving = new Object();
    /** Guarded by this: the trees changed since their last save, oldest change first. */
    private final Map<JobId, Job> due = new LinkedHashMap<>();
    private boolean draining;
    private boolean closed;

    TreeRecorder(Consumer<JobView> records, Executor executor, Consumer<String> warnings) {
        this.records = Objects.requireNonNull(records, "records");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** The root's tree changed: it is saved soon, as it stands then. */
    void changed(Job root) {
        synchronized (this) {
            if (closed) {
                return;
            }
            due.putIfAbsent(root.id(), root);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain(); // the executor is shutting down; the tree is still worth saving
        }
    }

    /** Saves the trees that are due, then saves nothing more: the next engine finds them as they stand now. */
    @Override
    public void close() {
        synchronized (saving) {
            List<Job> last;
            synchronized (this) {
                closed = true;
                last = List.copyOf(due.values());
                due.clear();
            }
            last.forEach(this::save);
        }
    }

    private void drain() {
        while (true) {
            synchronized (saving) {
                Job root;
                synchronized (this) {
                    if (closed || due.isEmpty()) {
                        draining = false;
                        return;
                    }
                    Iterator<Job> oldest = due.values().iterator();
                    root = oldest.next();
                    oldest.remove();
                }
                save(root);
            }
        }
    }

    private void save(Job root) {
        try {
            records.accept(root.view());
        } catch (PaasmakerException e) {
            // The record only serves the next engine: this one's jobs run on, and the operator hears why it failed.
            warnings.accept(e.getMessage() + ". " + LATER);
        } catch (RuntimeException e) {
            // A bug in one tree's save must not stop the saves of the others.
            warnings.accept("cannot save the record of job " + root.id() + ": " + e + ". " + LATER);
        }
    }
}
