package org.paasmaker.engine.retention;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.job.JobView;
import org.paasmaker.engine.disk.Sizes;
import org.paasmaker.engine.disk.TreeSize;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.internal.EngineLayout;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.job.JobManager;

/**
 * What crashed runs leave behind, deleted when an engine starts, before it takes any work: the working
 * copies of prepares (a prepare deletes its own when it ends, however it ends, unless the engine dies),
 * half-written packages ({@code incoming-*.part}), and uploads, whose prepares died with the engine
 * that ran them; with them, the files of crons that no longer exist. A job says what went; none is
 * made when nothing was left.
 */
public final class StaleFiles {

    private final EngineLayout layout;
    private final JobManager jobs;

    public StaleFiles(EngineLayout layout, JobManager jobs) {
        this.layout = layout;
        this.jobs = jobs;
    }

    /**
     * Deletes them and {@code more} (files the caller found stale) in a job run on the calling thread; the
     * job as it ended, when there was anything to delete.
     */
    public Optional<JobView> clean(List<Path> more) {
        HomePaths home = new HomePaths(layout.home());
        List<Path> stale = new ArrayList<>(more);
        stale.addAll(entries(home, layout.work(), "*"));
        stale.addAll(entries(home, layout.packages(), "incoming-*.part"));
        stale.addAll(entries(home, layout.uploads(), "*"));
        if (stale.isEmpty()) {
            return Optional.empty();
        }
        Job root = jobs.createPlatformRoot("Delete what crashed runs and gone crons left (" + stale.size()
                + " files and folders)", Map.of());
        Job step = jobs.addChild(root, "Delete working copies, half-written packages, uploads and the logs of crons"
                + " that no longer exist");
        // Here, not on the executor: the engine is being built, and in the server its executor runs
        // nothing until the application has started, which waits for the engine.
        return Optional.of(jobs.run(root, job -> jobs.runStep(step, context -> {
            long total = 0;
            for (Path path : stale) {
                Path inside = home.requireInside(path);
                long bytes = TreeSize.of(inside);
                Directories.deleteTree(inside);
                total += bytes;
                context.log("Deleted " + layout.home().relativize(path) + " (" + Sizes.describe(bytes) + ")");
            }
            context.log("Deleted " + stale.size() + " leftovers: " + Sizes.describe(total));
        })));
    }

    private static List<Path> entries(HomePaths home, Path directory, String glob) {
        List<Path> found = new ArrayList<>();
        if (!home.isOwnDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, glob)) {
            listing.forEach(found::add);
        } catch (IOException e) {
            // An unreadable folder is left as it is; the disk figures still show what it holds.
        }
        found.sort(null);
        return found;
    }
}
