package org.paasmaker.api.store;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.job.JobId;

/**
 * The job trees of every controller sharing the store, so that any of them answers for any job. A
 * tree is saved whole each time a job in it changes state; only the controller that runs it saves it,
 * but for the controller that ends the trees of a controller that died.
 */
public interface JobRepository {

    /** Keeps the tree, replacing the earlier record of the same root. */
    void save(JobTree tree);

    /** The tree that holds the job, as its root or as a descendant. */
    Optional<JobTree> holding(JobId job);

    /** The trees whose logs are in {@code logs} (see {@link JobTree#logs()}), in no particular order. */
    List<JobTree> loggedIn(String logs);

    /** The trees whose root is running or waiting, at whichever controller. */
    List<JobTree> unfinished();

    /** Forgets the tree whose root is {@code root}; nothing if there is none. */
    void delete(JobId root);
}
