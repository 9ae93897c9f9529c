package org.paasmaker.client.cli;

import java.util.List;
import java.util.function.BiFunction;
import org.paasmaker.api.rest.InstanceJson;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.VersionJson;
import org.paasmaker.client.PaasmakerClient;
import org.paasmaker.client.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker version list|show|create|start|stop|make-current|deregister|delete|instances|keep}. */
@Command(name = "version", description = "Versions: prepared copies of an application's code.",
        subcommands = {VersionCommand.ListVersions.class, VersionCommand.Show.class, VersionCommand.Create.class,
            VersionCommand.Start.class, VersionCommand.Stop.class, VersionCommand.MakeCurrent.class,
            VersionCommand.Deregister.class, VersionCommand.Delete.class, VersionCommand.Instances.class,
            VersionCommand.Keep.class})
final class VersionCommand {

    @Command(name = "list", description = "List the versions of an application.")
    static final class ListVersions extends ServerCommand {

        @Parameters(paramLabel = "APP", description = ApplicationCommand.APP_HELP)
        String application;

        @Override
        int run(PaasmakerClient client) {
            List<VersionJson> versions = client.applications().versions(ApplicationRef.resolve(application, client,
                    () -> workspace(null, client)));
            print(versions, () -> {
                if (versions.isEmpty()) {
                    out().println("No versions of " + application + ".");
                    return;
                }
                Table table = new Table("ID", "VERSION", "STATE", "CURRENT", "KEPT", "SOURCE", "CREATED");
                Style style = style();
                versions.forEach(version -> table.row(version.id(), version.number(), style.state(version.state()),
                        version.current() ? style.green("current") : "", version.kept() ? "kept" : "",
                        version.source() == null ? "" : version.source().plugin(), Render.time(version.createdAt())));
                table.print(out());
            });
            return 0;
        }
    }

    @Command(name = "show", description = "Show a version and its manifest.")
    static final class Show extends ServerCommand {

        @Parameters(paramLabel = "VERSION", description = "The version's id.")
        long version;

        @Override
        int run(PaasmakerClient client) {
            VersionJson shown = client.versions().get(version);
            print(shown, () -> {
                Style style = style();
                Render.fields(out(), "Id", shown.id(), "Application id", shown.applicationId(), "Version", shown.number(),
                        "State", style.state(shown.state()), "Current", shown.current() ? "yes" : "no",
                        "Kept", shown.kept() ? "yes" : "no",
                        "Source", shown.source() == null ? "" : shown.source().plugin() + " "
                                + Render.tags(shown.source().parameters()),
                        "Manifest path", shown.manifestPath(), "Package", shown.packageChecksum(),
                        "Created", Render.time(shown.createdAt()), "Released", Render.time(shown.releasedAt()));
                if (shown.manifest() != null) {
                    out().println();
                    out().print(shown.manifest().endsWith("\n") ? shown.manifest() : shown.manifest() + "\n");
                }
            });
            return 0;
        }
    }

    @Command(name = "create", description = "Create a version and prepare it, without starting it (deploy does all).")
    static final class Create extends ServerCommand {

        @Mixin
        SourceOptions source;

        @Override
        int run(PaasmakerClient client) {
            Deployment.Prepared prepared = new Deployment(this, client).prepare(source);
            prepared.version().ifPresent(version -> {
                progress().println("Version " + version.number() + " of " + prepared.application() + " has id "
                        + version.id() + ".");
                progress().flush();
                if (!human()) {
                    print(client.versions().get(version.id()), () -> { });
                }
            });
            return prepared.exitCode();
        }
    }

    @Command(name = "instances", description = "List a version's instances: their state, node and port.")
    static final class Instances extends ServerCommand {

        @Parameters(paramLabel = "VERSION", description = "The version's id.")
        long version;

        @Override
        int run(PaasmakerClient client) {
            List<InstanceJson> instances = client.versions().instances(version);
            print(instances, () -> {
                if (instances.isEmpty()) {
                    out().println("Version " + version + " has no instances; start it with: paasmaker version start "
                            + version);
                    return;
                }
                Table table = new Table("ID", "TYPE", "STATE", "NODE", "PORT", "STARTED", "RESTARTS", "REASON");
                Style style = style();
                instances.forEach(instance -> table.row(instance.id(), instance.instanceType(),
                        style.state(instance.state()), instance.node(), instance.port(),
                        Render.time(instance.startedAt()), instance.restarts(), instance.reason()));
                table.print(out());
            });
            return 0;
        }
    }

    @Command(name = "keep", description = "Keep a version however old it grows: the platform deletes old, stopped"
            + " versions beyond the last few of each application, but never a kept one. --no takes the mark off.")
    static final class Keep extends ServerCommand {

        @Parameters(paramLabel = "VERSION", description = "The version's id.")
        long version;

        @Option(names = "--no", description = "Take the mark off: the version goes when it is old and stopped.")
        boolean no;

        @Override
        int run(PaasmakerClient client) {
            VersionJson kept = client.versions().keep(version, !no);
            print(kept, () -> out().println("Version " + kept.number() + " (id " + kept.id() + ") "
                    + (kept.kept() ? "is kept: the platform never deletes it." : "is no longer kept: the platform"
                            + " deletes it once it is old and stopped.")));
            return 0;
        }
    }

    /** A verb that runs as a job on one version, followed to its end unless {@code --detach}. */
    abstract static class VersionJob extends ServerCommand {

        @Parameters(paramLabel = "VERSION", description = "The version's id.")
        long version;

        @Option(names = "--detach", description = "Do not follow the job; print its id.")
        boolean detach;

        private final BiFunction<Versions, Long, JobAccepted> verb;
        private final String what;

        /**
         * @param verb the SDK's call that starts the job
         * @param what what it does to the version, {@code %s} standing for it: {@code "Starting %s"}
         */
        VersionJob(BiFunction<Versions, Long, JobAccepted> verb, String what) {
            this.verb = verb;
            this.what = what;
        }

        @Override
        final int run(PaasmakerClient client) {
            VersionJson known = client.versions().get(version);
            String name = "version " + known.number() + " (id " + version + ")";
            return followJob(client, verb.apply(client.versions(), version), String.format(what, name), detach);
        }
    }

    @Command(name = "start", description = "Start a prepared version's instances (registering them first).")
    static final class Start extends VersionJob {
        Start() {
            super(Versions::start, "Starting %s");
        }
    }

    @Command(name = "stop", description = "Stop a version's instances (drained from the router first).")
    static final class Stop extends VersionJob {
        Stop() {
            super(Versions::stop, "Stopping %s");
        }
    }

    @Command(name = "make-current", description = "Make a running version the current one: the application's"
            + " hostnames go to it (also to roll back to an older version).")
    static final class MakeCurrent extends VersionJob {
        MakeCurrent() {
            super(Versions::makeCurrent, "Making %s current");
        }
    }

    @Command(name = "deregister", description = "Remove a stopped version's instances and their files.")
    static final class Deregister extends VersionJob {
        Deregister() {
            super(Versions::deregister, "Deregistering %s");
        }
    }

    @Command(name = "delete", description = "Delete a version: its instances, package and record.")
    static final class Delete extends VersionJob {
        Delete() {
            super(Versions::delete, "Deleting %s");
        }
    }
}
