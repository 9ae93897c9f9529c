package org.paasmaker.engine.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;

/**
 * The trees that engines before this one recorded for this home (their logs are here), as a new
 * engine takes them up: the oldest are forgotten, and those left unfinished end as FAILED, since
 * nothing will ever run the rest of them. Trees that an earlier release kept in files move to the
 * store first.
 */
final class EarlierTrees {

    private final Path directory;
    private final JobRecords records;
    private final JobRepository repository;
    /** Records a tree in the repository as this engine's. */
    private final Consumer<JobView> save;
    /** Forgets a tree: its record, then its logs. */
    private final Consumer<JobView> delete;
    private final Clock clock;
    private final Consumer<String> warnings;

    EarlierTrees(Path directory, JobRecords records, JobRepository repository, Consumer<JobView> save,
            Consumer<JobView> delete, Clock clock, Consumer<String> warnings) {
        this.directory = directory;
        this.records = records;
        this.repository = repository;
        this.save = save;
        this.delete = delete;
        this.clock = clock;
        this.warnings = warnings;
    }

    /**
     * Loads the trees, forgets all but the {@code keptTrees} newest and ends those left unfinished.
     * Returns the kept trees as they now stand, newest first: every one of them finished.
     */
    List<JobView> restore(int keptTrees) {
        records.deleteLeftovers();
        boolean files = repository instanceof JobRecords other && other.keepsIn(directory);
        if (!files) {
            bringRecords();
        }
        List<JobView> trees = new ArrayList<>();
        for (JobTree tree : repository.loggedIn(directory.toString())) {
            // Another machine may keep its logs in a directory of the same name: its trees' logs are not here.
            if (files || Files.exists(records.logFile(tree.root().id()))) {
                trees.add(tree.root());
            }
        }
        trees.sort(JobManager.NEWEST_FIRST);
        int kept = Math.min(keptTrees, trees.size());
        for (JobView old : trees.subList(kept, trees.size())) {
            try {
                delete.accept(old);
            } catch (PaasmakerException e) {
                warnings.accept(e.getMessage() + ". It is tried again at the next start.");
            }
        }
        Instant now = clock.instant();
        List<JobView> settledTrees = new ArrayList<>();
        for (JobView tree : trees.subList(0, kept)) {
            StoppedJobs.Settled settled = StoppedJobs.settle(tree, now);
            Set<JobId> stopped = Set.copyOf(settled.stopped());
            settled.tree().walk(job -> {
                if (stopped.contains(job.id())) {
                    explainStop(job, now);
                }
            });
            if (settled.changed()) {
                // At once, not on the executor: an engine that stops again soon must not explain the stop twice.
                saveNow(settled.tree());
            }
            settledTrees.add(settled.tree());
        }
        return settledTrees;
    }

    /** Moves the trees an earlier release recorded in files beside the logs into the store, once. */
    private void bringRecords() {
        for (JobTree tree : records.trees()) {
            try {
                save.accept(tree.root());
                records.delete(tree.root().id());
            } catch (PaasmakerException e) {
                warnings.accept(e.getMessage() + ". The job record stays in " + directory
                        + "; it is tried again at the next start.");
            }
        }
    }

    private void saveNow(JobView tree) {
        try {
            save.accept(tree);
        } catch (PaasmakerException e) {
            warnings.accept(e.getMessage() + ". The next engine settles this job again.");
        }
    }

    private void explainStop(JobView job, Instant now) {
        Path log = records.logFile(job.id());
        try {
            Files.writeString(log, "The engine stopped before this job finished; the next engine, starting at "
                    + now + ", marked it FAILED. Nothing runs the rest of it: run the same action again.\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            warnings.accept("Could not write to the log of job " + job.id() + " ('" + job.title() + "'), " + log
                    + ": " + e.getMessage() + ". The job shows as FAILED all the same.");
        }
    }
}
