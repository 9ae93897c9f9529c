package org.paasmaker.engine.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;

/** Job trees in memory, with the root of each job, so that a job is found in one step. One lock guards both. */
final class InMemoryJobs implements JobRepository {

    private final Map<JobId, JobTree> trees = new LinkedHashMap<>();
    private final Map<JobId, JobId> rootOf = new HashMap<>();

    @Override
    public synchronized void save(JobTree tree) {
        JobId root = tree.root().id();
        JobTree earlier = trees.put(root, tree);
        if (earlier != null) {
            earlier.root().walk(job -> rootOf.remove(job.id()));
        }
        tree.root().walk(job -> rootOf.put(job.id(), root));
    }

    @Override
    public synchronized Optional<JobTree> holding(JobId job) {
        return Optional.ofNullable(rootOf.get(job)).map(trees::get);
    }

    @Override
    public synchronized List<JobTree> loggedIn(String logs) {
        return trees.values().stream().filter(tree -> tree.logs().equals(logs)).toList();
    }

    @Override
    public synchronized List<JobTree> unfinished() {
        return new ArrayList<>(trees.values().stream().filter(tree -> !tree.finished()).toList());
    }

    @Override
    public synchronized void delete(JobId root) {
        JobTree gone = trees.remove(root);
        if (gone != null) {
            gone.root().walk(job -> rootOf.remove(job.id()));
        }
    }
}
