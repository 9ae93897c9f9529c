package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.rest.VersionJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code paasmaker deploy [SOURCE]}: a new version from a directory, an archive or a git URL, prepared,
 * started and made current in one go, each job followed live; then where it answers. Exit 0 when it
 * serves, 1 when a job failed (with the failed job's log), 2 on bad input.
 */
@Command(name = "deploy", description = {"Upload, prepare, start and make current a new version.",
    "The version it replaces stops (--keep-previous leaves it running). Each job is followed live (the log of a job that fails is shown), then the hostnames where the version"
        + " answers. Exit 0 on success, 1 when a job fails, 2 on bad input."})
final class DeployCommand extends ServerCommand {

    @Mixin
    SourceOptions source;

    @Option(names = "--no-start", description = "Only prepare the version: do not start it (nor make it current).")
    boolean noStart;

    @Option(names = "--no-current", description = "Start the version, but leave the current version current.")
    boolean noCurrent;

    @Option(names = "--keep-previous", description = "Leave the version that was current running (by default it"
            + " stops once the new one is current, and a make-current brings it back).")
    boolean keepPrevious;

    @Option(names = "--router-port", paramLabel = "PORT",
            description = "The router's port, for the URLs shown (default: $PAASMAKER_ROUTER_PORT, else 8080).")
    Integer routerPort;

    @Override
    int run(PaasmakerClient client) {
        Deployment deployment = new Deployment(this, client);
        Deployment.Prepared prepared = deployment.prepare(source);
        if (prepared.exitCode() != 0 || prepared.version().isEmpty()) {
            return prepared.exitCode();
        }
        VersionJson version = prepared.version().get();
        String name = "Version " + version.number() + " of " + prepared.application();
        if (noStart) {
            progress().println(name + " is prepared (version id " + version.id() + "); start it with: paasmaker version"
                    + " start " + version.id());
            return finish(client, version);
        }
        int started = deployment.startAndMakeCurrent(version, prepared.application(), !noCurrent, !keepPrevious);
        if (started != 0) {
            return started;
        }
        List<String> urls = deployment.urls(version, routerPort());
        if (urls.isEmpty()) {
            progress().println(name + " runs (version id " + version.id() + "), but the router sends it nothing yet.");
        } else {
            progress().println(name + " answers at:");
            urls.forEach(url -> progress().println("  " + style().bold(url)));
        }
        return finish(client, version);
    }

    private int finish(PaasmakerClient client, VersionJson version) {
        progress().flush();
        if (!human()) {
            print(client.versions().get(version.id()), () -> { });
        }
        return 0;
    }

    private int routerPort() {
        if (routerPort != null) {
            return routerPort;
        }
        return context().variable("PAASMAKER_ROUTER_PORT").filter(port -> port.matches("\\d{1,5}"))
                .map(Integer::parseInt).orElse(8080);
    }
}
