package org.paasmaker.client.cli;

import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.JobAborted;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.client.JobEvent;
import org.paasmaker.client.JobEvents;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code paasmaker job show|log|follow|abort}. */
@Command(name = "job", description = "Jobs: what the platform does for a verb, as a tree.",
        subcommands = {JobCommand.Show.class, JobCommand.Log.class, JobCommand.Follow.class, JobCommand.Abort.class})
final class JobCommand {

    static final String JOB_HELP = "The job's id, as a verb or 'paasmaker deploy' printed it.";

    @Command(name = "show", description = "Show a job tree: who started it, each job's state and summary.")
    static final class Show extends ServerCommand {

        @Parameters(paramLabel = "JOB", description = JOB_HELP)
        String job;

        @Override
        int run(PaasmakerClient client) {
            JobJson tree = client.jobs().get(job);
            print(tree, () -> {
                if (tree.startedBy() != null) { // unknown for jobs recorded before servers kept it
                    out().println("Started by: " + tree.startedBy());
                }
                JobWatcher.render(tree, out(), style(), 0);
            });
            return 0;
        }
    }

    @Command(name = "log", description = "Show a job's log.")
    static final class Log extends ServerCommand {

        @Parameters(paramLabel = "JOB", description = JOB_HELP)
        String job;

        @Override
        int run(PaasmakerClient client) {
            String text = client.jobs().log(job);
            if (human()) {
                out().print(text);
                out().flush();
            } else {
                print(new JobLogLines(job, text), () -> { });
            }
            return 0;
        }
    }

    @Command(name = "follow", description = "Follow a job tree live, its state changes and log lines, to its end."
            + " Exit 0 when it succeeded, 1 when it failed or was aborted.")
    static final class Follow extends ServerCommand {

        @Parameters(paramLabel = "JOB", description = JOB_HELP)
        String job;

        @Override
        int run(PaasmakerClient client) {
            if (human()) {
                JobWatcher watcher = new JobWatcher(client, out(), style(), true, "");
                JobJson tree = watcher.follow(job);
                return tree.state() == JobState.SUCCESS ? 0 : failed(tree);
            }
            // One record per event, as the stream sends them: {"event": "state", "data": {...}}.
            try (JobEvents events = client.jobs().follow(job)) {
                for (JobEvent event : events) {
                    if (event instanceof JobEvent.State state) {
                        out().print(WireWriter.writeStreamed(output, new StreamedEvent("state", state.change())));
                    } else if (event instanceof JobEvent.Log log) {
                        out().print(WireWriter.writeStreamed(output, new StreamedEvent("log", log.lines())));
                    } else if (event instanceof JobEvent.End end) {
                        out().print(WireWriter.writeStreamed(output, new StreamedEvent("end", end.job())));
                        out().flush();
                        return end.job().state() == JobState.SUCCESS ? 0 : 1;
                    }
                    out().flush();
                }
            }
            return client.jobs().get(job).state() == JobState.SUCCESS ? 0 : 1;
        }

        private int failed(JobJson tree) {
            err().println("paasmaker: job " + job + " " + (tree.state() == JobState.ABORTED ? "was aborted" : "failed")
                    + (tree.summary() == null || tree.summary().isEmpty() ? "" : ": " + tree.summary()));
            err().flush();
            return 1;
        }
    }

    /** An event of the job stream as json or yaml output writes it: the SSE event's name and its data. */
    record StreamedEvent(String event, Object data) {
    }

    @Command(name = "abort", description = "Abort a job tree: its running processes end, its waiting jobs never start.")
    static final class Abort extends ServerCommand {

        @Parameters(paramLabel = "JOB", description = JOB_HELP)
        String job;

        @Override
        int run(PaasmakerClient client) {
            JobAborted aborted = client.jobs().abort(job);
            print(aborted, () -> out().println(aborted.aborted() ? "Aborted job " + job + "."
                    : "Job " + job + " had already finished."));
            return 0;
        }
    }
}
