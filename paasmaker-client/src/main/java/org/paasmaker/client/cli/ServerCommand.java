package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.WorkspaceJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A verb that talks to a server: {@code --server}, {@code --token} and {@code --output}, the client they
 * make, and the output helpers. Each verb implements {@link #run(PaasmakerClient)} with one or a few
 * client calls; errors are the handler's ({@link ErrorMessageHandler}).
 */
abstract class ServerCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "URL",
            description = "The Paasmaker server (default: $PAASMAKER_SERVER, else the one 'paasmaker login' saved,"
                    + " else " + Target.DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The server's API token (default: $PAASMAKER_TOKEN, else the one 'paasmaker login' saved)."
                    + " Other users can see a command line; prefer the variable or the login.")
    String token;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "human",
            description = "human (tables and lines), json or yaml (the API's records, as the server sends them);"
                    + " default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    private Target target;

    @Override
    public final Integer call() {
        target = Target.resolve(server, token, context(), profile());
        root().serverInUse(target.server());
        try (PaasmakerClient client = PaasmakerClient.builder().server(target.server()).token(target.token()).build()) {
            return run(client);
        }
    }

    /** The verb itself; its exit code. */
    abstract int run(PaasmakerClient client);

    final PaasmakerCommand root() {
        return (PaasmakerCommand) spec.root().userObject();
    }

    final CliContext context() {
        return root().context();
    }

    final Profile profile() {
        return Profile.load(context().configDirectory());
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Where lines about progress go: standard output for people, standard error when it carries records. */
    final PrintWriter progress() {
        return human() ? out() : err();
    }

    final boolean human() {
        return output == OutputFormat.human;
    }

    final Style style() {
        return new Style(context().colour() && human());
    }

    /** The record as JSON or YAML; for people, what {@code human} prints. */
    final void print(Object record, Runnable human) {
        if (human()) {
            human.run();
        } else {
            out().print(WireWriter.write(output, record));
        }
        out().flush();
    }

    /**
     * Follows the job a verb started to its end, a line per state change ({@link JobWatcher}); on
     * failure the log of the job that failed and exit code 1. With {@code detach}, only says which job
     * it is. In json or yaml, the finished tree (or the accepted job) is the output.
     *
     * @param what the verb for people, {@code "Starting version 3 of hello"}
     */
    final int followJob(PaasmakerClient client, JobAccepted accepted, String what, boolean detach) {
        if (detach) {
            print(accepted, () -> out().println(what + ": job " + accepted.jobId() + "; follow it with: paasmaker job"
                    + " follow " + accepted.jobId()));
            return 0;
        }
        JobWatcher watcher = new JobWatcher(client, progress(), style(), false, "  ");
        JobJson tree = watch(watcher, accepted.jobId(), what);
        if (!human()) {
            out().print(WireWriter.write(output, tree));
            out().flush();
        }
        return succeeded(tree, watcher, what);
    }

    /** Follows a job with the watcher under a line that says what it does; the finished tree. */
    final JobJson watch(JobWatcher watcher, String jobId, String what) {
        progress().println(what + ", job " + jobId + ":");
        progress().flush();
        return watcher.follow(jobId);
    }

    /** 0 when the tree succeeded; else prints why and where it failed, and 1. */
    final int succeeded(JobJson tree, JobWatcher watcher, String what) {
        if (tree.state() == JobState.SUCCESS) {
            return 0;
        }
        watcher.printFailure(tree, err());
        err().println("paasmaker: " + Character.toLowerCase(what.charAt(0)) + what.substring(1) + " "
                + (tree.state() == JobState.ABORTED ? "was aborted" : "failed")
                + (tree.summary() == null || tree.summary().isEmpty() ? "" : ": " + tree.summary()));
        err().flush();
        return 1;
    }

    /**
     * The workspace a command works in when none is named: {@code $PAASMAKER_WORKSPACE}, else the
     * login's default, else the server's only workspace; else an error that says how to name one.
     */
    final String workspace(String named, PaasmakerClient client) {
        if (named != null && !named.isBlank()) {
            return named.strip();
        }
        var fromEnvironment = context().variable("PAASMAKER_WORKSPACE");
        if (fromEnvironment.isPresent()) {
            return fromEnvironment.get();
        }
        var fromProfile = target.workspace();
        if (fromProfile.isPresent()) {
            return fromProfile.get();
        }
        List<WorkspaceJson> workspaces = client.workspaces().list();
        if (workspaces.size() == 1) {
            return workspaces.get(0).stub();
        }
        if (workspaces.isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the server has no workspace yet; create one"
                    + " with: paasmaker workspace create Development --stub dev");
        }
        throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "which workspace? The server has "
                + workspaces.size() + ": " + workspaces.stream().map(WorkspaceJson::stub).collect(Collectors.joining(", "))
                + "; name one with --workspace or PAASMAKER_WORKSPACE, or save a default with"
                + " 'paasmaker login --workspace WS'");
    }
}
