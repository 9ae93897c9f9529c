package org.paasmaker.war.store;

import jakarta.persistence.LockModeType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;

/**
 * Job trees in {@code PM_JOB_TREE}, a row per tree saved whole under the row's lock, and in
 * {@code PM_JOB} the tree of each job, which a save adds to as the tree grows (steps are only ever added).
 */
final class JpaJobs implements JobRepository {

    private static final List<String> UNFINISHED = List.of(JobState.RUNNING.name(), JobState.WAITING.name());

    private final Transactions transactions;

    JpaJobs(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(JobTree tree) {
        try {
            saveOnce(tree);
        } catch (DuplicateKeyException e) {
            // Its first save raced another (the leader ending the tree as its controller saved it): the row is there now.
            saveOnce(tree);
        }
    }

    private void saveOnce(JobTree tree) {
        String root = tree.root().id().value();
        transactions.inTransaction("save job tree " + root + " ('" + tree.root().title() + "')", manager -> {
            JobTreeRow row = manager.find(JobTreeRow.class, root, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                manager.persist(new JobTreeRow(tree));
            } else {
                row.copy(tree);
            }
            Set<String> known = new HashSet<>(manager
                    .createQuery("SELECT j.jobId FROM JobRow j WHERE j.rootId = :root", String.class)
                    .setParameter("root", root).getResultList());
            tree.root().walk(job -> {
                if (known.add(job.id().value())) {
                    manager.persist(new JobRow(job.id().value(), root));
                }
            });
            manager.flush();
            return null;
        });
    }

    @Override
    public Optional<JobTree> holding(JobId job) {
        return transactions.inTransaction("find the tree of job " + job, manager ->
                Optional.ofNullable(manager.find(JobRow.class, job.value()))
                        .map(row -> manager.find(JobTreeRow.class, row.rootId))
                        .map(JobTreeRow::toRecord));
    }

    @Override
    public List<JobTree> loggedIn(String logs) {
        return transactions.inTransaction("list the job trees logged in " + logs, manager -> manager
                .createQuery("SELECT t FROM JobTreeRow t WHERE t.logs = :logs", JobTreeRow.class)
                .setParameter("logs", logs).getResultStream().map(JobTreeRow::toRecord).toList());
    }

    @Override
    public List<JobTree> unfinished() {
        return transactions.inTransaction("list the running job trees", manager -> manager
                .createQuery("SELECT t FROM JobTreeRow t WHERE t.state IN :states", JobTreeRow.class)
                .setParameter("states", UNFINISHED).getResultStream().map(JobTreeRow::toRecord).toList());
    }

    @Override
    public void delete(JobId root) {
        transactions.inTransaction("delete job tree " + root, manager -> {
            manager.createQuery("DELETE FROM JobRow j WHERE j.rootId = :root").setParameter("root", root.value())
                    .executeUpdate();
            JobTreeRow row = manager.find(JobTreeRow.class, root.value());
            if (row != null) {
                manager.remove(row);
            }
            return null;
        });
    }
}
