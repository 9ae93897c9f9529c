package org.paasmaker.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionHealth;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.health.HealthMonitor;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.disk.PrepareRoom;
import org.paasmaker.engine.job.JobManager;
import org.paasmaker.engine.prepare.PreparePipeline;
import org.paasmaker.engine.retention.Retention;
import org.paasmaker.engine.store.StoredRecords;

/** The engine's version verbs. */
public final class Versions {

    /** The most one read of an instance's log returns; a follower reads on. */
    private static final int MAX_LOG_READ_BYTES = 1 << 20;

    private final Store store;
    private final PreparePipeline pipeline;
    private final InstanceManager instances;
    private final PackageStore packages;
    private final HealthMonitor health;
    private final JobManager jobs;
    private final Retention retention;
    private final PrepareRoom room;

    Versions(Store store, PreparePipeline pipeline, InstanceManager instances, PackageStore packages,
            HealthMonitor health, JobManager jobs, Retention retention, PrepareRoom room) {
        this.jobs = jobs;
        this.health = health;
        this.retention = retention;
        this.room = room;
        this.store = store;
        this.pipeline = pipeline;
        this.instances = instances;
        this.packages = packages;
    }

    /** Starts the version's instances to the manifest's quantities; returns the job at once. */
    public JobId start(VersionId id) {
        return instances.start(id);
    }

    /** Stops the version's instances; their files stay until it is deregistered. */
    public JobId stop(VersionId id) {
        return instances.stop(id);
    }

    /**
     * Makes a RUNNING version its application's current one (exclusive instance types move over,
     * break before make); returns the job at once. Then the application's old versions are deleted
     * ({@link Retention}).
     */
    public JobId makeCurrent(VersionId id) {
        JobId job = instances.makeCurrent(id);
        // Queued behind the switch: the version it replaces is one of the last N from then on.
        retention.schedule(get(id).applicationId());
        return job;
    }

    /**
     * Deletes the application's old versions now, as after every prepare and make-current: all but its
     * current version, the versions users keep, the last N others and those that run; returns the job,
     * which runs after the application's jobs queued before it.
     */
    public JobId retain(ApplicationId application) {
        return retention.schedule(application);
    }

    /** Deletes the files of the version's instances. */
    public JobId deregister(VersionId id) {
        return instances.deregister(id);
    }

    /**
     * Deletes the version, its instances and their files, and its package unless another version has
     * it; returns the job at once. The current version is refused while it runs.
     */
    public JobId delete(VersionId id) {
        return instances.deleteVersion(id);
    }

    /**
     * Marks the version as kept, or takes the mark off: retention never removes a kept version, however
     * many newer ones follow it.
     */
    public ApplicationVersion keep(VersionId id, boolean kept) {
        return StoredRecords.change(store, id, version -> version.withKept(kept));
    }

    /** The last lines of an instance's output; still there after it died or was stopped. */
    public String instanceLog(InstanceId id, int lines) {
        return instances.logTail(store.instances().get(id), lines);
    }

    /**
     * The last {@code lines} whole lines of an instance's output, with the offset of its log where
     * {@link #instanceLogAfter} reads on: how following an instance's output starts.
     */
    public Node.LogLines instanceLogLast(InstanceId id, int lines) {
        return instances.logLast(store.instances().get(id), lines);
    }

    /**
     * The whole lines an instance wrote from byte {@code offset} of its log on (up to a limit: read on
     * from {@link Node.LogLines#next()}). Instances write their logs themselves and the engine is not
     * told, so a follower reads again now and then; a read costs what is new. A log rotated since
     * (copied away and emptied) is read from its start.
     */
    public Node.LogLines instanceLogAfter(InstanceId id, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("a log is read from offset 0 or later, not " + offset);
        }
        return instances.logAfter(store.instances().get(id), offset, MAX_LOG_READ_BYTES);
    }

    /** The instance with its state, node and port. */
    public Instance instance(InstanceId id) {
        return store.instances().get(id);
    }

    /**
     * How the version's instances fare: healthy, being repaired, or backing off in a crash loop (with
     * when the next attempt comes).
     */
    public VersionHealth health(VersionId id) {
        return health.health(get(id));
    }

    /** The version's instances with their states, nodes and ports. */
    public List<Instance> instances(VersionId id) {
        get(id);
        return store.instances().list(id);
    }

    /**
     * Starts preparing a new version and returns its job at once; the job's {@code version_id} tag
     * names the version once the manifest has been read. Refused ({@code DISK_FULL}) when the disk has
     * too little room for it; when it ends, the application's old versions are deleted
     * ({@link Retention}).
     */
    public JobId prepare(PrepareRequest request) {
        room.require(request.source());
        JobId job = pipeline.start(request);
        // A new version pushes the oldest out of the last N; a prepare that failed removed its own.
        jobs.whenFinished(job).thenAccept(tree -> Optional.ofNullable(tree.tags().get("application_id"))
                .map(text -> new ApplicationId(Long.parseLong(text))).filter(this::exists)
                .ifPresent(retention::schedule));
        return job;
    }

    private boolean exists(ApplicationId application) {
        return store.applications().find(application).isPresent();
    }

    public ApplicationVersion get(VersionId id) {
        return store.versions().get(id);
    }

    /** The prepared version's package: a standard {@code .tar.gz} of its prepared code. */
    public Path packageFile(VersionId id) {
        ApplicationVersion version = get(id);
        return packages.locate(version.packageChecksum().orElseThrow(() -> new PaasmakerException(ErrorCode.CONFLICT,
                "version " + version.number() + " has no package yet: it is " + version.state()
                        + "; prepare it first")));
    }

    public List<ApplicationVersion> list(ApplicationId application) {
        store.applications().get(application);
        return store.versions().list(application);
    }
}
