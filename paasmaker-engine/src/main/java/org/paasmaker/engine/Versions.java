package org.paasmaker.engine;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.prepare.PreparePipeline;

/** The engine's version verbs. */
public final class Versions {

    private final Store store;
    private final PreparePipeline pipeline;
    private final InstanceManager instances;
    private final PackageStore packages;

    Versions(Store store, PreparePipeline pipeline, InstanceManager instances, PackageStore packages) {
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
     * break before make); returns the job at once.
     */
    public JobId makeCurrent(VersionId id) {
        return instances.makeCurrent(id);
    }

    /** Deletes the files of the version's instances. */
    public JobId deregister(VersionId id) {
        return instances.deregister(id);
    }

    /** The last lines of an instance's output; still there after it died or was stopped. */
    public String instanceLog(InstanceId id, int lines) {
        return instances.logTail(store.instances().get(id), lines);
    }

    /** The version's instances with their states, nodes and ports. */
    public List<Instance> instances(VersionId id) {
        get(id);
        return store.instances().list(id);
    }

    /**
     * Starts preparing a new version and returns its job at once; the job's {@code version_id} tag
     * names the version once the manifest has been read.
     */
    public JobId prepare(PrepareRequest request) {
        return pipeline.start(request);
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

    /**
     * Deletes the version's record once nothing of it is left on a node: every instance deregistered
     * (or none). Its package stays, since another version may have the same code. A {@code CONFLICT}
     * while it has instances, or while a lifecycle job of its application is under way. A prepare job
     * still working on the version fails when it next records its progress.
     */
    public void delete(VersionId id) {
        boolean idle = instances.ifIdle(id, () -> {
            ApplicationVersion version = get(id);
            List<Instance> all = store.instances().list(id);
            long left = all.stream().filter(i -> i.state() != InstanceState.DEREGISTERED).count();
            if (left > 0) {
                throw new PaasmakerException(ErrorCode.CONFLICT, "version " + version.number() + " still has " + left
                        + (left == 1 ? " instance" : " instances") + "; stop and deregister it before deleting it");
            }
            all.forEach(instance -> store.instances().delete(instance.id()));
            store.versions().delete(id);
        });
        if (!idle) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "version " + get(id).number()
                    + " cannot be deleted while a start, stop, deregister or make-current of its application runs;"
                    + " try again when that job has ended");
        }
    }

    public List<ApplicationVersion> list(ApplicationId application) {
        store.applications().get(application);
        return store.versions().list(application);
    }
}
