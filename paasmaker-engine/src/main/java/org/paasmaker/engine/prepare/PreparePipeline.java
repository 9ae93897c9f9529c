package org.paasmaker.engine.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.manifest.ManifestReader;
import org.paasmaker.api.manifest.ServiceSpec;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.environment.ApplicationEnvironment;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.internal.KeyedLocks;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.store.StoredRecords;

/**
 * From source to stored package: fetch the source into a fresh working copy, read its manifest,
 * create the version (and the application, the first time), create or reuse its services, run the
 * prepare commands with the services and metadata in their environment, then pack and store the tree.
 * Each of those is a step of one job tree, run in the job's own thread or, given a {@link PrepareRunner},
 * wherever it runs them; the working copy is deleted however the job ends.
 */
public final class PreparePipeline {

    private final Store store;
    private final PluginRegistry plugins;
    private final JobManager jobs;
    private final PackageStore packages;
    private final TreePacker packer;
    private final Path workDirectory;
    private final Map<String, String> baseEnvironment;
    private final Map<String, Object> nodeTags;
    private final KeyedLocks applicationLocks;
    private final Clock clock;
    private final Optional<PrepareRunner> runner;
    private final CommandSteps commandSteps;

    /** Writes a prepared tree as one package. */
    @FunctionalInterface
    public interface TreePacker {
        void pack(Path tree, java.io.OutputStream out) throws IOException;
    }

    public PreparePipeline(
            Store store, PluginRegistry plugins, JobManager jobs, PackageStore packages, TreePacker packer,
            Path workDirectory, Map<String, String> baseEnvironment, Map<String, Object> nodeTags,
            KeyedLocks applicationLocks, Clock clock, Optional<PrepareRunner> runner) {
        this.store = store;
        this.plugins = plugins;
        this.jobs = jobs;
        this.packages = packages;
        this.packer = packer;
        this.workDirectory = workDirectory;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.nodeTags = Map.copyOf(nodeTags);
        this.applicationLocks = applicationLocks;
        this.clock = clock;
        this.runner = runner;
        this.commandSteps = new CommandSteps(plugins, jobs);
    }

    /** Starts preparing; the workspace and the source's plugin are checked before the job starts. */
    public JobId start(PrepareRequest request) {
        Workspace workspace = store.workspaces().get(request.workspace());
        plugins.source(request.source().plugin());
        Job root = jobs.createRoot("Prepare a new version from " + request.source().describe(),
                Map.of("workspace_id", workspace.id().toString()));
        Steps steps = new Steps(root);
        return jobs.submit(root, job -> run(request, workspace, steps));
    }

    /** The tree's steps, made up front so the tree shows what is still to come. */
    private final class Steps {
        final Job root;
        final Job fetch;
        final Job manifest;
        final Job services;
        final Job commands;
        final Job pack;

        Steps(Job root) {
            this.root = root;
            fetch = jobs.addChild(root, "Fetch the source");
            manifest = jobs.addChild(root, "Read the manifest");
            services = jobs.addChild(root, "Create or reuse the services");
            commands = jobs.addChild(root, "Run the prepare commands");
            pack = jobs.addChild(root, "Pack and store the prepared code");
        }
    }

    private void run(PrepareRequest request, Workspace workspace, Steps steps) throws IOException {
        Files.createDirectories(workDirectory);
        Path copy = workDirectory.resolve(steps.root.id().toString());
        Files.createDirectory(copy);
        try {
            Prepared prepared = new Prepared();
            OrderedSteps ordered = new OrderedSteps(jobs, steps.root.id(), copy, baseEnvironment, List.of(
                    new OrderedSteps.Step("fetch", steps.fetch,
                            step -> plugins.source(request.source().plugin()).fetch(request.source().parameters(), step)),
                    new OrderedSteps.Step("manifest", steps.manifest,
                            step -> readManifest(request, workspace, steps, step, prepared)),
                    new OrderedSteps.Step("services", steps.services, step -> prepareServices(workspace, prepared, step)),
                    new OrderedSteps.Step("commands", steps.commands,
                            step -> runCommands(workspace, prepared, steps.commands, copy)),
                    new OrderedSteps.Step("pack", steps.pack, step -> pack(copy, prepared, step))));
            if (runner.isPresent()) {
                ordered.runWith(runner.get(), steps.root);
            } else {
                ordered.runHere();
            }
        } finally {
            Directories.deleteQuietly(copy);
        }
    }

    /** The manifest's prepare commands, each a step of its own under the group's job. */
    private void runCommands(Workspace workspace, Prepared prepared, Job group, Path copy) {
        commandSteps.run(group, "Prepare", prepared.manifest.application().prepareCommands(), copy,
                prepareEnvironment(workspace, prepared));
    }

    /** What the steps learn as they go. */
    private static final class Prepared {
        Manifest manifest;
        Application application;
        ApplicationVersion version;
        List<ApplicationService> services = List.of();
    }

    @SuppressWarnings("try") // the lock is held for the block, never read
    private void readManifest(
            PrepareRequest request, Workspace workspace, Steps steps, StepContext step, Prepared prepared) {
        Path copy = step.workingDirectory();
        Path file = copy.resolve(request.manifestPath()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the source has no manifest at '"
                    + request.manifestPath() + "'; add one there, or give the manifest's path in the source");
        }
        Manifest manifest;
        try {
            if (!file.toRealPath().startsWith(copy.toRealPath())) {
                throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the manifest '" + request.manifestPath()
                        + "' is a link to a file outside the source; the manifest must be part of the code");
            }
            try (InputStream in = Files.newInputStream(file)) {
                // Named as the user named it, not by the working copy's temporary path.
                manifest = new ManifestReader(plugins).read(in, request.manifestPath());
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "cannot read the manifest '"
                    + request.manifestPath() + "': " + e.getMessage(), e);
        }
        manifest.application().prepareRuntime().ifPresent(commandSteps::runtimeVersion);
        // Refused at upload, with the versions there are, rather than when the first instance starts.
        manifest.instances().forEach(type -> commandSteps.runtimeVersion(type.runtime()));
        manifest.application().releaseRuntime().ifPresent(commandSteps::runtimeVersion);
        try (KeyedLocks.Held held = applicationLocks.lock(applicationKey(workspace, manifest))) {
            Application application = store.applications()
                    .findOrCreate(workspace.id(), manifest.application().name(), manifest.application().tags());
            if (!application.tags().equals(manifest.application().tags())) {
                application = store.applications().update(application.withTags(manifest.application().tags()));
            }
            ApplicationVersion version = store.versions().create(application.id(), request.source(),
                    request.manifestPath(), manifest.text(), clock.instant());
            prepared.manifest = manifest;
            prepared.application = application;
            prepared.version = version;
        }
        steps.root.tag("application_id", prepared.application.id().toString());
        steps.root.tag("version_id", prepared.version.id().toString());
        steps.root.tag("version", Integer.toString(prepared.version.number()));
        step.log("Application '" + prepared.application.name() + "' in workspace '" + workspace.name()
                + "', version " + prepared.version.number());
    }

    @SuppressWarnings("try") // the lock is held for the block, never read
    private void prepareServices(Workspace workspace, Prepared prepared, StepContext step) {
        List<ApplicationService> services = new ArrayList<>();
        try (KeyedLocks.Held held = applicationLocks.lock(applicationKey(workspace, prepared.manifest))) {
            for (ServiceSpec spec : prepared.manifest.services()) {
                step.checkAborted();
                services.add(provision(workspace, prepared.application, spec, step));
            }
        }
        prepared.services = List.copyOf(services);
    }

    private ApplicationService provision(Workspace workspace, Application application, ServiceSpec spec, StepContext step) {
        ServiceRequest request = new ServiceRequest(application.id(), application.name(), workspace.stub(),
                spec.name(), spec.parameters());
        var existing = store.services().findByName(application.id(), spec.name());
        if (existing.isPresent() && !existing.get().plugin().equals(spec.plugin())) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "the service '" + spec.name() + "' already exists as "
                    + existing.get().plugin() + ", not " + spec.plugin() + "; give the new service another name");
        }
        var credentials = plugins.service(spec.plugin()).provision(request, existing.map(ApplicationService::credentials));
        if (existing.isPresent()) {
            step.log("Reusing service '" + spec.name() + "' (" + spec.plugin() + ")");
            return store.services().update(existing.get().withCredentials(spec.parameters(), credentials));
        }
        step.log("Created service '" + spec.name() + "' (" + spec.plugin() + ")");
        return store.services().create(application.id(), spec.name(), spec.plugin(), spec.parameters(), credentials);
    }

    private Map<String, String> prepareEnvironment(Workspace workspace, Prepared prepared) {
        Map<String, String> environment = ApplicationEnvironment.of(baseEnvironment, workspace, prepared.application,
                prepared.version, prepared.services, nodeTags);
        return commandSteps.withRuntime(prepared.manifest.application().prepareRuntime(), environment);
    }

    private void pack(Path copy, Prepared prepared, StepContext step) {
        String checksum = packages.store(out -> packer.pack(copy, out));
        step.log("Stored package " + checksum);
        StoredRecords.change(store, prepared.version.id(),
                version -> version.withPackage(checksum).withState(VersionState.PREPARED));
    }

    private static String applicationKey(Workspace workspace, Manifest manifest) {
        return workspace.id() + "/" + manifest.application().name();
    }
}
