package org.paasmaker.engine.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.internal.VersionManifests;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;

/**
 * Deletes versions and applications as jobs of the application's queue: their instances go from the
 * routes first, then from their nodes with their files, then the records, and packages no version
 * has any more.
 */
final class Deletions {

    /** Runs a job's work behind the application's earlier jobs. */
    interface Queue {
        JobId enqueue(ApplicationId application, Job root, Runnable work);
    }

    private final Store store;
    private final PluginRegistry plugins;
    private final VersionManifests manifests;
    private final JobManager jobs;
    private final NodeRegistry nodes;
    private final PackageStore packages;
    private final Routing routing;
    private final Queue queue;
    private final BiConsumer<Job, List<Instance>> drain;

    Deletions(Store store, PluginRegistry plugins, VersionManifests manifests, JobManager jobs, NodeRegistry nodes,
            PackageStore packages, Routing routing, Queue queue, BiConsumer<Job, List<Instance>> drain) {
        this.store = store;
        this.plugins = plugins;
        this.manifests = manifests;
        this.jobs = jobs;
        this.nodes = nodes;
        this.packages = packages;
        this.routing = routing;
        this.queue = queue;
        this.drain = drain;
    }

    /**
     * Deletes a version: its instances (stopped, their files deleted), its record, and its package
     * unless another version has the same one. The current version is refused while it runs.
     */
    JobId deleteVersion(VersionId id) {
        ApplicationVersion version = store.versions().get(id);
        requireNotServing(version);
        Application application = store.applications().get(version.applicationId());
        Job root = jobs.createRoot("Delete version " + version.number() + " of " + application.name(),
                InstanceManager.tags(version));
        return queue.enqueue(application.id(), root, () -> {
            ApplicationVersion now = store.versions().get(id);
            requireNotServing(now);
            drain.accept(root, store.instances().list(id));
            deleteSteps(root, now).forEach(Runnable::run);
            routing.changed();
        });
    }

    /**
     * Deletes an application's versions with their instances and packages. With its services, their
     * resources (a filesystem service's files, say) and the application itself go too; without, the
     * application stays, with no versions, holding its services, so a new version of the same name
     * finds its data again.
     */
    JobId deleteApplication(ApplicationId id, boolean withServices) {
        Application application = store.applications().get(id);
        Job root = jobs.createRoot("Delete application " + application.name()
                + (withServices ? " with its services" : " (its services stay)"),
                Map.of("application_id", id.toString()));
        return queue.enqueue(id, root, () -> {
            List<Instance> instances = new ArrayList<>();
            for (ApplicationVersion version : store.versions().list(id)) {
                instances.addAll(store.instances().list(version.id()));
            }
            drain.accept(root, instances);
            List<Runnable> steps = new ArrayList<>();
            for (ApplicationVersion version : store.versions().list(id)) {
                steps.addAll(deleteSteps(root, version));
            }
            if (withServices) {
                Workspace workspace = store.workspaces().get(application.workspaceId());
                for (ApplicationService service : store.services().list(id)) {
                    Job step = jobs.addChild(root, "Remove service '" + service.name() + "' (" + service.plugin() + ")");
                    steps.add(() -> jobs.runStep(step, context -> {
                        plugins.service(service.plugin()).remove(new ServiceRequest(id, application.name(),
                                workspace.stub(), service.name(), service.parameters()), service.credentials());
                        store.services().delete(service.id());
                    }));
                }
                Job last = jobs.addChild(root, "Delete the record of application " + application.name());
                steps.add(() -> jobs.runStep(last, context -> store.applications().delete(id)));
            }
            steps.forEach(Runnable::run);
            routing.changed();
        });
    }

    /** Steps that delete the version's instances, then the version and (if no other has it) its package. */
    private List<Runnable> deleteSteps(Job root, ApplicationVersion version) {
        Job step = jobs.addChild(root, "Delete version " + version.number());
        return List.of(() -> jobs.runStep(step, context -> deleteNow(version, context)));
    }

    /**
     * Deletes the version's instances and their files, its record, and its package unless another version
     * has it, in the calling job's step; whether the package went. Its instances must be stopped.
     */
    boolean deleteNow(ApplicationVersion version, StepContext context) {
        for (Instance instance : store.instances().list(version.id())) {
            // A node this controller no longer knows has no files of it to delete; a DOWN one is not asked.
            if (nodes.reachable(instance.node())) {
                nodes.node(instance.node()).deregister(instance.id());
            }
            store.instances().delete(instance.id());
        }
        store.versions().delete(version.id());
        manifests.forget(version.id());
        Optional<String> unused = version.packageChecksum().filter(this::unused);
        unused.ifPresent(checksum -> {
            packages.delete(checksum);
            context.log("Deleted its package " + checksum);
        });
        context.log("Deleted version " + version.number() + ", its instances and their files");
        return unused.isPresent();
    }

    /** Whether no version of any application has the package. */
    private boolean unused(String checksum) {
        return store.versions().withPackage(checksum).isEmpty();
    }

    private static void requireNotServing(ApplicationVersion version) {
        if (version.current() && version.state() == VersionState.RUNNING) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "version " + version.number() + " is the current one and"
                    + " RUNNING; make another version current, or stop it, before deleting it");
        }
    }
}
