package org.paasmaker.engine.cron;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ledger entries and logs of crons that no current version has any more: their application was
 * deleted, or the cron was removed from its manifest or changed (which gives it a new key, and so a new
 * history). The runner never reads them again.
 */
public final class GoneCrons {

    private static final String LEDGER = ".ledger";
    private static final String LOG = ".log";

    private GoneCrons() {
    }

    /** Their files in the runner's directory; call it while the runner is not checking (before it starts). */
    public static List<Path> files(CronTargets targets, Path directory) {
        Set<String> current = new HashSet<>();
        targets.crons().forEach(job -> current.add(CronJob.fileName(job.key())));
        List<Path> gone = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return gone;
        }
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                String cron = name.endsWith(LEDGER) ? name.substring(0, name.length() - LEDGER.length())
                        : name.lastIndexOf(LOG) > 0 ? name.substring(0, name.lastIndexOf(LOG)) : null;
                if (cron != null && !current.contains(cron)) {
                    gone.add(file);
                }
            }
        } catch (IOException e) {
            // Left for the next start; the disk figures show what the folder holds.
        }
        gone.sort(null);
        return gone;
    }
}
