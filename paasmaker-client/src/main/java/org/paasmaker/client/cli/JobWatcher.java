package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.api.rest.JobStateChange;
import org.paasmaker.client.JobEvent;
import org.paasmaker.client.JobEvents;
import org.paasmaker.client.PaasmakerClient;

/**
 * Follows a job tree live: a line per state change of any of its jobs, indented by its depth in the
 * tree ({@code "  Run the prepare commands: FAILED (the command exited with status 1)"}), and, if
 * asked, their log lines as they come. On failure it shows the log of each job that failed first.
 */
final class JobWatcher {

    /** How much of a failed job's log is shown; all of it is one {@code paasmaker job log} away. */
    static final int FAILED_LOG_LINES = 100;

    private final PaasmakerClient client;
    private final PrintWriter out;
    private final Style style;
    private final boolean logs;
    private final String indent;
    private final Map<String, Integer> depths = new HashMap<>();
    private final Set<String> looked = new HashSet<>();
    private String followed;

    /**
     * @param out where the lines go
     * @param logs whether the jobs' log lines are shown too
     * @param indent put before every line (a job followed as part of a bigger task)
     */
    JobWatcher(PaasmakerClient client, PrintWriter out, Style style, boolean logs, String indent) {
        this.client = client;
        this.out = out;
        this.style = style;
        this.logs = logs;
        this.indent = indent;
    }

    /** Follows the job to its end, printing as it goes; the finished tree. */
    JobJson follow(String jobId) {
        return follow(jobId, event -> { });
    }

    /** The same, handing every event to {@code events} too. */
    JobJson follow(String jobId, Consumer<JobEvent> events) {
        followed = jobId;
        try (JobEvents stream = client.jobs().follow(jobId)) {
            for (JobEvent event : stream) {
                events.accept(event);
                if (event instanceof JobEvent.State state) {
                    printState(state.change());
                } else if (event instanceof JobEvent.Log log && logs) {
                    printLog(log.lines());
                } else if (event instanceof JobEvent.End end) {
                    return end.job();
                }
            }
        }
        // The stream ended without its end event: the job is read as it is now.
        return client.jobs().get(jobId);
    }

    private void printState(JobStateChange change) {
        int depth = change.parentId() == null ? 0 : depth(change.parentId()) + 1;
        depths.put(change.job(), depth);
        out.println(indent + "  ".repeat(depth) + change.title() + ": " + style.state(change.state())
                + summary(change.summary()));
        out.flush();
    }

    private void printLog(JobLogLines lines) {
        String prefix = indent + "  ".repeat(depth(lines.job()) + 1) + style.dim("| ");
        lines.text().lines().forEach(line -> out.println(prefix + line));
        out.flush();
    }

    /**
     * A job's depth in the tree. A job's state may come before its parent's (a tree followed after it
     * finished tells each job's last state, children first): then the tree is read once to learn where
     * each job is.
     */
    private int depth(String job) {
        if (!depths.containsKey(job) && looked.add(job)) {
            try {
                learn(client.jobs().get(followed), 0);
            } catch (PaasmakerException e) {
                // Only the indentation is at stake: the line goes out at the top level.
            }
        }
        return depths.getOrDefault(job, 0);
    }

    private void learn(JobJson job, int depth) {
        depths.putIfAbsent(job.id(), depth);
        if (job.children() != null) {
            job.children().forEach(child -> learn(child, depth + 1));
        }
    }

    /**
     * Prints the log of each job that failed on its own (not because a child did): what a user reads
     * to see why.
     */
    void printFailure(JobJson tree, PrintWriter to) {
        for (JobJson failed : firstFailures(tree)) {
            String text = client.jobs().log(failed.id());
            List<String> lines = text.lines().toList();
            to.println(style.red(failed.title() + " failed") + summary(failed.summary())
                    + (lines.isEmpty() ? "; its log is empty." : ". Its log" + (lines.size() > FAILED_LOG_LINES
                    ? " (the last " + FAILED_LOG_LINES + " of " + lines.size() + " lines; 'paasmaker job log "
                    + failed.id() + "' has all)" : "") + ":"));
            lines.subList(Math.max(0, lines.size() - FAILED_LOG_LINES), lines.size())
                    .forEach(line -> to.println("  " + line));
        }
        to.flush();
    }

    /** The failed jobs none of whose children failed: where each failure began. */
    static List<JobJson> firstFailures(JobJson tree) {
        List<JobJson> found = new ArrayList<>();
        collect(tree, found);
        return found;
    }

    private static void collect(JobJson job, List<JobJson> found) {
        List<JobJson> children = job.children() == null ? List.of() : job.children();
        boolean childFailed = children.stream().anyMatch(child -> child.state() == JobState.FAILED);
        if (job.state() == JobState.FAILED && !childFailed) {
            found.add(job);
        }
        children.forEach(child -> collect(child, found));
    }

    /** The tree as indented lines, as the events showed them: {@code "Title: STATE (summary)"}. */
    static void render(JobJson job, PrintWriter out, Style style, int depth) {
        out.println("  ".repeat(depth) + job.title() + ": " + style.state(job.state()) + summary(job.summary()));
        if (job.children() != null) {
            job.children().forEach(child -> render(child, out, style, depth + 1));
        }
    }

    private static String summary(String summary) {
        return summary == null || summary.isEmpty() ? "" : " (" + summary + ")";
    }
}
