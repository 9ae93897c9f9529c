package org.paasmaker.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.store.CronLedgerRepository;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.ServiceRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.store.WorkspaceRepository;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;

/**
 * A store that runs a test's hook right after certain writes, on the writer's thread: where another
 * writer (a refresh of the routes, the node watch, a second controller) can come between two writes of
 * the engine, the hook comes there every time.
 */
public final class HookedStore implements Store {

    /** What runs after the writes; each does nothing unless the test says otherwise. */
    public interface Hooks {

        /** After a version was written over {@code before}. */
        default void versionWritten(ApplicationVersion before, ApplicationVersion written) {
        }

        /** After an instance record was created. */
        default void instanceCreated(Instance created) {
        }
    }

    private final Store store;
    private final Hooks hooks;

    public HookedStore(Store store, Hooks hooks) {
        this.store = store;
        this.hooks = hooks;
    }

    @Override
    public VersionRepository versions() {
        VersionRepository versions = store.versions();
        return new VersionRepository() {
            @Override
            public ApplicationVersion create(ApplicationId application, SourceSpec source, String manifestPath,
                    String manifestText, Instant createdAt) {
                return versions.create(application, source, manifestPath, manifestText, createdAt);
            }

            @Override
            public Optional<ApplicationVersion> find(VersionId id) {
                return versions.find(id);
            }

            @Override
            public List<ApplicationVersion> list(ApplicationId application) {
                return versions.list(application);
            }

            @Override
            public List<ApplicationVersion> inStates(Set<VersionState> states) {
                return versions.inStates(states);
            }

            @Override
            public List<ApplicationVersion> current() {
                return versions.current();
            }

            @Override
            public List<ApplicationVersion> withPackage(String checksum) {
                return versions.withPackage(checksum);
            }

            @Override
            public ApplicationVersion update(ApplicationVersion version) {
                ApplicationVersion before = versions.get(version.id());
                ApplicationVersion written = versions.update(version);
                hooks.versionWritten(before, written);
                return written;
            }

            @Override
            public void delete(VersionId id) {
                versions.delete(id);
            }
        };
    }

    @Override
    public InstanceRepository instances() {
        InstanceRepository instances = store.instances();
        return new InstanceRepository() {
            @Override
            public Instance create(Instance instance) {
                Instance created = instances.create(instance);
                hooks.instanceCreated(created);
                return created;
            }

            @Override
            public Optional<Instance> find(InstanceId id) {
                return instances.find(id);
            }

            @Override
            public List<Instance> list(VersionId version) {
                return instances.list(version);
            }

            @Override
            public List<Instance> inStates(Set<InstanceState> states) {
                return instances.inStates(states);
            }

            @Override
            public List<Instance> onNode(String node) {
                return instances.onNode(node);
            }

            @Override
            public Instance update(Instance instance) {
                return instances.update(instance);
            }

            @Override
            public void delete(InstanceId id) {
                instances.delete(id);
            }
        };
    }

    @Override
    public WorkspaceRepository workspaces() {
        return store.workspaces();
    }

    @Override
    public ApplicationRepository applications() {
        return store.applications();
    }

    @Override
    public ServiceRepository services() {
        return store.services();
    }

    @Override
    public JobRepository jobs() {
        return store.jobs();
    }

    @Override
    public Optional<LeaseRepository> leases() {
        return store.leases();
    }

    @Override
    public Optional<CronLedgerRepository> cronLedger() {
        return store.cronLedger();
    }
}
