package org.paasmaker.engine.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Launches detached processes for one test and, whatever happened, stops every one of them afterwards. */
final class DetachedProcesses implements AutoCloseable {

    static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "HOME", System.getProperty("user.home"));
    private static final Duration CLEAN_UP_GRACE = Duration.ofSeconds(1);

    private final Path directory;
    private final DetachedLauncher launcher = new DetachedLauncher();
    private final ProcessGroupKiller killer = new ProcessGroupKiller();
    private final List<ProcessIdentity> toStop = new ArrayList<>();
    private int launched;

    DetachedProcesses(Path directory) {
        this.directory = directory;
    }

    /** Runs in the test's directory with {@link #ENVIRONMENT}, logging to a file of its own. */
    LaunchedProcess launch(String... command) {
        launched++;
        return launch(new LaunchSpec(List.of(command), directory, ENVIRONMENT, directory.resolve("process-" + launched + ".log")));
    }

    LaunchedProcess launch(LaunchSpec spec) {
        LaunchedProcess process = launcher.launch(spec);
        toStop.add(process.identity());
        return process;
    }

    /** Also stops this one at the end: a process some other launcher started for the test. */
    void stopAtEnd(ProcessIdentity identity) {
        toStop.add(identity);
    }

    /** The live processes (zombies excluded) of a process group. */
    static List<ProcStat> liveMembers(long group) {
        return ProcStat.all().stream().filter(process -> process.processGroup() == group && !process.hasEnded()).toList();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (ProcessIdentity identity : toStop) {
            try {
                killer.stop(identity, CLEAN_UP_GRACE);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
