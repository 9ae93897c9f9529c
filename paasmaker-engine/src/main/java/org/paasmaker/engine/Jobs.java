package org.paasmaker.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;
import org.paasmaker.engine.job.JobListener;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.job.JobSubscription;
import org.paasmaker.engine.job.LogText;

/**
 * The engine's job verbs: the tree, each job's log, abort, waiting for the end, and following a tree
 * as it changes. Any controller sharing the store shows any job's tree, from the store when another
 * controller runs it; the rest only the controller that runs the tree can do, as only it has the logs
 * and the running work: another answers with an error naming that controller.
 */
public final class Jobs {

    private final JobManager jobs;
    /** The trees of the other controllers sharing the store; empty when this one is alone on it. */
    private final Optional<JobRepository> stored;
    private final String self;

    Jobs(JobManager jobs, Optional<JobRepository> stored, String self) {
        this.jobs = jobs;
        this.stored = stored;
        this.self = self;
    }

    /** The job with its children, as they stand now (as last saved, when another controller runs it). */
    public JobView get(JobId id) {
        return jobs.find(id).orElseGet(() -> stored(id).flatMap(tree -> within(tree.root(), id))
                .orElseThrow(() -> new NotFoundException("job", id)));
    }

    /**
     * The job as it stands now, if this controller runs its tree and so can follow it and read its logs;
     * else an error that names the controller that does.
     */
    public JobView heldHere(JobId id) {
        return jobs.get(here(id));
    }

    /** The job's own log so far; it grows while the job runs. */
    public String log(JobId id) {
        return jobs.log(here(id));
    }

    /**
     * The job's log from byte {@code from} on, as it stands now, up to a limit: read on from
     * {@link LogText#next()}. Logs only grow, so a follower that keeps the offset reads each byte once.
     */
    public LogText log(JobId id, long from) {
        return jobs.log(here(id), from);
    }

    /** Like {@link #log(JobId, long)}, whole lines only: a line still being written is read once it ends. */
    public LogText logLines(JobId id, long from) {
        return jobs.logLines(here(id), from);
    }

    /**
     * Tells the listener of every state change, tag and log growth of the job and its descendants from
     * now on, on an engine thread, in order; read the job after subscribing, so nothing falls between.
     * Close the subscription when done.
     */
    public JobSubscription subscribe(JobId id, JobListener listener) {
        return jobs.subscribe(here(id), listener);
    }

    /** Aborts the job's whole tree; false if it had already finished. */
    public boolean abort(JobId id) {
        return jobs.abort(here(id));
    }

    /** Completes, with the root as it ended, once the job's tree has finished, without holding a thread meanwhile. */
    public CompletionStage<JobView> whenFinished(JobId id) {
        return jobs.whenFinished(here(id));
    }

    /** Waits for the job's tree to finish and returns the job as it ended. */
    public JobView await(JobId id, Duration timeout) {
        return jobs.await(here(id), timeout);
    }

    /** The job, if this controller runs its tree; else an error that names the controller that does. */
    private JobId here(JobId id) {
        if (jobs.find(id).isPresent()) {
            return id;
        }
        JobTree tree = stored(id).orElseThrow(() -> new NotFoundException("job", id));
        throw new PaasmakerException(ErrorCode.CONFLICT, "job " + id + " ('" + within(tree.root(), id)
                .map(JobView::title).orElse(tree.root().title()) + "') ran at controller " + tree.controller()
                + ", which keeps its log in " + tree.logs() + " and alone can follow or abort it; this is controller "
                + self + ": ask " + tree.controller());
    }

    private Optional<JobTree> stored(JobId id) {
        return stored.flatMap(trees -> trees.holding(id));
    }

    private static Optional<JobView> within(JobView tree, JobId id) {
        if (tree.id().equals(id)) {
            return Optional.of(tree);
        }
        for (JobView child : tree.children()) {
            Optional<JobView> found = within(child, id);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
