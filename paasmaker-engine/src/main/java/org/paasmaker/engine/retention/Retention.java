package org.paasmaker.engine.retention;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.disk.Sizes;
import org.paasmaker.engine.disk.TreeSize;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.engine.internal.EngineLayout;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.packages.PackageStore;

/**
 * Deletes what an application no longer needs for a rollback, as a job in the application's queue (so
 * never beside a start, stop or make-current of the same application): the versions the
 * {@link RetentionPlan} lets go, with their instances' files and their packages (a package another
 * version has stays), and its old job trees beyond {@link RetentionPolicy#jobs()} or older than
 * {@link RetentionPolicy#jobAge()}. The job's log names each version that went and the bytes it freed.
 */
public final class Retention {

    private final Store store;
    private final JobManager jobs;
    private final InstanceManager instances;
    private final PackageStore packages;
    private final EngineLayout layout;
    private final RetentionPolicy policy;
    private final Clock clock;

    public Retention(Store store, JobManager jobs, InstanceManager instances, PackageStore packages, EngineLayout layout,
            RetentionPolicy policy, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.jobs = jobs;
        this.instances = instances;
        this.packages = packages;
        this.layout = layout;
        this.policy = policy;
    }

    public RetentionPolicy policy() {
        return policy;
    }

    /** Queues the application's retention job; it runs after the jobs queued before it. */
    public JobId schedule(ApplicationId id) {
        Application application = store.applications().get(id);
        Job root = jobs.createPlatformRoot("Delete old versions of " + application.name() + " (it keeps its current version and"
                + " the last " + policy.versions() + ")", Map.of("application_id", id.toString()));
        return instances.enqueue(id, root, () -> run(root, application));
    }

    private void run(Job root, Application application) {
        List<RetentionPlan.Decision> plan = RetentionPlan.decide(store.versions().list(application.id()),
                withActiveInstances(application.id()), policy.versions());
        List<ApplicationVersion> going = plan.stream().filter(RetentionPlan.Decision::delete)
                .map(RetentionPlan.Decision::version).toList();
        jobs.runStep(jobs.addChild(root, "Choose the versions to delete"), context -> {
            plan.stream().filter(decision -> !decision.delete()).forEach(decision -> context.log("Version "
                    + decision.version().number() + " stays: " + decision.reason()));
            context.log(going.isEmpty() ? "Nothing to delete"
                    : "To delete: versions " + going.stream().map(v -> Integer.toString(v.number()))
                            .collect(Collectors.joining(", ")));
        });
        for (ApplicationVersion version : going) {
            jobs.runStep(jobs.addChild(root, "Delete version " + version.number()), context -> {
                // Read again: a user may have marked it kept since the plan was made.
                ApplicationVersion now = store.versions().find(version.id()).orElse(null);
                if (now == null || now.kept()) {
                    context.log("Version " + version.number() + " stays: " + (now == null ? "it is gone already"
                            : "a user keeps it now"));
                    return;
                }
                long packageBytes = now.packageChecksum().filter(packages::contains)
                        .map(checksum -> TreeSize.of(packages.locate(checksum))).orElse(0L);
                long instanceBytes = store.instances().list(now.id()).stream()
                        .mapToLong(instance -> TreeSize.of(layout.instances().resolve(instance.id().value()))).sum();
                boolean packageWent = instances.deleteNow(now, context);
                context.log("Deleted version " + now.number() + " of " + application.name() + ": "
                        + (packageWent ? "package " + Sizes.describe(packageBytes)
                                : "its package stays (another version has it)")
                        + ", instance files " + Sizes.describe(instanceBytes));
            });
        }
        jobs.runStep(jobs.addChild(root, "Delete old job trees"), context -> {
            JobManager.Forgotten forgotten = jobs.forget("application_id", application.id().toString(), policy.jobs(),
                    clock.instant().minus(policy.jobAge()));
            context.log(forgotten.trees() == 0 ? "No job tree to delete: " + application.name() + " keeps its last "
                    + policy.jobs() + ", none older than " + policy.jobAge().toDays() + " days"
                    : "Deleted " + forgotten.trees() + " job trees of " + application.name() + " (their logs and records: "
                    + Sizes.describe(forgotten.bytes()) + "); it keeps its last " + policy.jobs() + ", none older than "
                    + policy.jobAge().toDays() + " days");
        });
    }

    private Set<org.paasmaker.api.version.VersionId> withActiveInstances(ApplicationId application) {
        Set<org.paasmaker.api.version.VersionId> active = new HashSet<>();
        for (ApplicationVersion version : store.versions().list(application)) {
            for (Instance instance : store.instances().list(version.id())) {
                if (InstanceManager.ACTIVE.contains(instance.state())) {
                    active.add(version.id());
                }
            }
        }
        return active;
    }
}
