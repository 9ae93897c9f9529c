package org.paasmaker.engine.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;

/**
 * The trees this engine has finished, as it forgets them: their records and logs go from disk, their
 * jobs from memory. Trees still running are never touched.
 */
final class FinishedTrees {

    private final Map<JobId, Job> jobs;
    private final Map<JobId, RootControl> roots;
    private final JobRepository repository;
    private final JobRecords records;

    FinishedTrees(Map<JobId, Job> jobs, Map<JobId, RootControl> roots, JobRepository repository, JobRecords records) {
        this.jobs = jobs;
        this.roots = roots;
        this.repository = repository;
        this.records = records;
    }

    JobManager.Forgotten forget(String tag, String value, int kept, Instant finishedBefore) {
        List<JobView> trees = new ArrayList<>();
        for (JobId id : roots.keySet()) {
            Job root = jobs.get(id);
            JobView view = root == null ? null : root.view();
            if (view != null && value.equals(view.tags().get(tag))) {
                trees.add(view);
            }
        }
        trees.sort(JobManager.NEWEST_FIRST);
        int count = 0;
        long bytes = 0;
        for (int i = 0; i < trees.size(); i++) {
            JobView tree = trees.get(i);
            RootControl control = roots.get(tree.id());
            boolean old = tree.finishedAt().map(finishedBefore::isAfter).orElse(false);
            if (control == null || !control.done.isDone() || (i < kept && !old)) {
                continue;
            }
            bytes += delete(tree);
            roots.remove(tree.id());
            tree.walk(job -> jobs.remove(job.id()));
            count++;
        }
        return new JobManager.Forgotten(count, bytes);
    }

    /** Forgets the tree: its record first, then its logs, so that no record is left without them. The bytes freed. */
    long delete(JobView tree) {
        repository.delete(tree.id());
        return records.deleteLogs(tree);
    }
}
