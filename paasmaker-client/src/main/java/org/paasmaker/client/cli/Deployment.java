package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.InvalidManifestException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.manifest.ManifestReader;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.rest.InstanceJson;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.api.rest.VersionJson;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.client.PaasmakerClient;

/**
 * The steps of {@code paasmaker deploy} (and, stopping after the first, of {@code version create}):
 * check the manifest here, create the version (uploading with progress), follow its prepare job, start
 * it, make it current, and say where it answers. Each job is followed live; the first that fails ends
 * the deployment with its log and exit code 1.
 */
final class Deployment {

    private final ServerCommand command;
    private final PaasmakerClient client;
    private final JobWatcher watcher;

    Deployment(ServerCommand command, PaasmakerClient client) {
        this.command = command;
        this.client = client;
        this.watcher = new JobWatcher(client, command.progress(), command.style(), false, "  ");
    }

    /** A new version from the source, prepared: its exit code, and the version when it was made. */
    record Prepared(int exitCode, Optional<VersionJson> version, String application) {
    }

    Prepared prepare(SourceOptions options) {
        SourceOptions.Resolved source = options.resolve();
        if (source.localManifest().isPresent()) {
            int invalid = checkManifest(source.localManifest().get());
            if (invalid != 0) {
                return new Prepared(invalid, Optional.empty(), "");
            }
        }
        String workspace = command.workspace(options.workspace, client);
        VersionAccepted accepted;
        try {
            accepted = create(workspace, source);
        } catch (PaasmakerException e) {
            if (e.code() == ErrorCode.INVALID_MANIFEST && !e.errors().isEmpty()) {
                printManifestErrors(options.manifest, e.getMessage().lines().findFirst().orElse(""), e.errors());
                return new Prepared(e.code().exitCode(), Optional.empty(), "");
            }
            throw e;
        }
        String application = accepted.application() == null ? "the application" : accepted.application().name();
        String what = accepted.version() == null ? "Preparing a new version in workspace " + workspace
                : "Preparing version " + accepted.version().number() + " of " + application + " in workspace "
                + workspace + " (version id " + accepted.version().id() + ")";
        JobJson tree = command.watch(watcher, accepted.jobId(), what);
        int exitCode = command.succeeded(tree, watcher, "Preparing the version");
        Optional<VersionJson> version = Optional.ofNullable(accepted.version())
                .or(() -> versionOf(tree).map(client.versions()::get));
        return new Prepared(exitCode, version, application);
    }

    /** Starts the prepared version and, unless told not to, makes it current; 0 when all went well. */
    int startAndMakeCurrent(VersionJson version, String application, boolean current, boolean stopPrevious) {
        String name = "version " + version.number() + " of " + application;
        int started = run(client.versions().start(version.id()), "Starting " + name);
        if (started != 0 || !current) {
            return started;
        }
        Optional<VersionJson> previous = client.applications().versions(version.applicationId()).stream()
                .filter(v -> v.current() && v.id() != version.id() && v.state() == VersionState.RUNNING).findFirst();
        int switched = run(client.versions().makeCurrent(version.id()), "Making " + name + " current");
        if (switched != 0 || !stopPrevious || previous.isEmpty()) {
            return switched;
        }
        // As other platforms do on a deploy: the version it replaced stops once its requests in flight have
        // finished, and stays, with its package, for a rollback (make-current starts it again).
        VersionJson old = previous.get();
        return run(client.versions().stop(old.id()), "Stopping version " + old.number() + ", current until now");
    }

    /** The hostnames the version answers on now, as URLs through the router. */
    List<String> urls(VersionJson version, int routerPort) {
        Set<String> instances = client.versions().instances(version.id()).stream().map(InstanceJson::id)
                .collect(Collectors.toSet());
        if (instances.isEmpty()) {
            return List.of();
        }
        return Hostnames.of(client.routes(), instances).stream().map(host -> Hostnames.url(host, routerPort)).toList();
    }

    private int run(JobAccepted accepted, String what) {
        return command.succeeded(command.watch(watcher, accepted.jobId(), what), watcher, what);
    }

    private VersionAccepted create(String workspace, SourceOptions.Resolved source) {
        if (!source.upload()) {
            command.progress().println("Creating a version in workspace " + workspace + " from " + source.description()
                    + "...");
            return client.versions().create(workspace, source.source());
        }
        UploadProgress progress = new UploadProgress(command.progress(), command.context().terminal() && command.human(),
                source.description());
        VersionAccepted accepted = client.versions().create(workspace, source.source(),
                (sent, total) -> progress.sent(sent, total.orElse(-1)));
        progress.finished();
        return accepted;
    }

    /** Checks a directory's manifest before anything is uploaded; 0 when valid, else 2 after listing every error. */
    private int checkManifest(Path manifest) {
        try {
            new ManifestReader(BuiltinPlugins.catalog()).read(manifest);
            return 0;
        } catch (InvalidManifestException e) {
            printManifestErrors(e.source(), null, e.errors());
            return e.code().exitCode();
        }
    }

    /** As {@code paasmaker manifest validate} lists them, {@code FILE:LINE: path: message}, on standard error. */
    private void printManifestErrors(String source, String message, List<FieldError> errors) {
        PrintWriter err = command.err();
        if (message != null) {
            err.println("paasmaker: " + message);
        }
        errors.forEach(error -> err.println(ManifestValidateCommand.compilerStyle(source, error)));
        err.println(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in " + source);
        err.flush();
    }

    /**
     * The version a prepare job made, which it names in its tags: for the rare answer without it, when
     * the server's wait for the version (a minute) ran out first, as for a slow git clone.
     */
    private static Optional<Long> versionOf(JobJson tree) {
        return Optional.ofNullable(tree.tags()).map(tags -> tags.get("version_id")).filter(id -> id.matches("\\d+"))
                .map(Long::valueOf);
    }
}
