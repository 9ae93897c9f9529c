package org.paasmaker.api.store;

import java.util.Objects;
import org.paasmaker.api.job.JobView;

/**
 * A job tree as the store keeps it: the root with its descendants, the controller that runs it (its
 * lease holder's name), and where that controller keeps the tree's logs: the directory, on its own
 * machine, holding {@code <job id>.log} for each job. Only that controller can read the logs.
 */
public record JobTree(JobView root, String controller, String logs) {

    public JobTree {
        Objects.requireNonNull(root, "a job tree needs its root");
        Objects.requireNonNull(controller, "a job tree needs the controller that runs it");
        Objects.requireNonNull(logs, "a job tree needs where its logs are");
        if (root.parentId().isPresent()) {
            throw new IllegalArgumentException("job " + root.id() + " is not a root: its parent is "
                    + root.parentId().get());
        }
    }

    /** Whether the tree has ended; a tree whose root is running or waiting has not. */
    public boolean finished() {
        return root.state().finished();
    }
}
