package org.paasmaker.engine.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceId;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.ServiceRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.store.WorkspaceRepository;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * The engine's own store: records in memory, gone with the engine. For embedders and tests; the
 * server keeps its records in a database. One lock guards everything, which keeps each operation atomic.
 */
public final class InMemoryStore implements Store {

    private final Object lock = new Object();
    private final Map<Long, Workspace> workspaces = new LinkedHashMap<>();
    private final Map<Long, Application> applications = new LinkedHashMap<>();
    private final Map<Long, ApplicationVersion> versions = new LinkedHashMap<>();
    private final Map<Long, Integer> highestVersionNumber = new LinkedHashMap<>();
    private final Map<Long, ApplicationService> services = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private long nextId = 1;

    private final WorkspaceRepository workspaceRepository = new Workspaces();
    private final ApplicationRepository applicationRepository = new Applications();
    private final VersionRepository versionRepository = new Versions();
    private final ServiceRepository serviceRepository = new Services();
    private final InstanceRepository instanceRepository = new Instances();
    private final JobRepository jobRepository = new InMemoryJobs();

    @Override
    public WorkspaceRepository workspaces() {
        return workspaceRepository;
    }

    @Override
    public ApplicationRepository applications() {
        return applicationRepository;
    }

    @Override
    public VersionRepository versions() {
        return versionRepository;
    }

    @Override
    public ServiceRepository services() {
        return serviceRepository;
    }

    @Override
    public InstanceRepository instances() {
        return instanceRepository;
    }

    @Override
    public JobRepository jobs() {
        return jobRepository;
    }

    private long newId() {
        return nextId++;
    }

    private <K, T> Optional<T> findIn(Map<K, T> records, K id) {
        synchronized (lock) {
            return Optional.ofNullable(records.get(id));
        }
    }

    private <K, T> T replaceIn(Map<K, T> records, K id, T record, String kind) {
        synchronized (lock) {
            if (!records.containsKey(id)) {
                throw new NotFoundException(kind, id);
            }
            records.put(id, record);
            return record;
        }
    }

    private <K, T> T reviseIn(Map<K, T> records, K id, UnaryOperator<T> next, String kind) {
        synchronized (lock) {
            T stored = records.get(id);
            if (stored == null) {
                throw new NotFoundException(kind, id);
            }
            T record = next.apply(stored);
            records.put(id, record);
            return record;
        }
    }

    private <K> void removeFrom(Map<K, ?> records, K id, String kind) {
        synchronized (lock) {
            if (records.remove(id) == null) {
                throw new NotFoundException(kind, id);
            }
        }
    }

    private final class Workspaces implements WorkspaceRepository {

        @Override
        public Workspace create(NewWorkspace request) {
            synchronized (lock) {
                requireFreeStub(request.stub(), 0);
                Workspace created = new Workspace(new WorkspaceId(newId()), request.name(), request.stub(), request.tags());
                workspaces.put(created.id().value(), created);
                return created;
            }
        }

        @Override
        public Optional<Workspace> find(WorkspaceId id) {
            return findIn(workspaces, id.value());
        }

        @Override
        public Optional<Workspace> findByStub(String stub) {
            synchronized (lock) {
                return workspaces.values().stream().filter(w -> w.stub().equals(stub)).findFirst();
            }
        }

        @Override
        public List<Workspace> list() {
            synchronized (lock) {
                return List.copyOf(workspaces.values());
            }
        }

        @Override
        public Workspace update(Workspace workspace) {
            synchronized (lock) {
                requireFreeStub(workspace.stub(), workspace.id().value());
                return replaceIn(workspaces, workspace.id().value(), workspace, "workspace");
            }
        }

        @Override
        public void delete(WorkspaceId id) {
            removeFrom(workspaces, id.value(), "workspace");
        }

        private void requireFreeStub(String stub, long owner) {
            workspaces.values().stream()
                    .filter(w -> w.stub().equals(stub) && w.id().value() != owner)
                    .findFirst()
                    .ifPresent(w -> {
                        throw new PaasmakerException(ErrorCode.CONFLICT, "the workspace stub '" + stub
                                + "' is taken by workspace '" + w.name() + "'; choose another stub");
                    });
        }
    }

    private final class Applications implements ApplicationRepository {

        @Override
        public Application findOrCreate(WorkspaceId workspace, String name, PluginParameters tags) {
            synchronized (lock) {
                workspaceRepository.get(workspace);
                return findByName(workspace, name).orElseGet(() -> {
                    Application created = new Application(new ApplicationId(newId()), workspace, name, tags);
                    applications.put(created.id().value(), created);
                    return created;
                });
            }
        }

        @Override
        public Optional<Application> find(ApplicationId id) {
            return findIn(applications, id.value());
        }

        @Override
        public Optional<Application> findByName(WorkspaceId workspace, String name) {
            synchronized (lock) {
                return applications.values().stream()
                        .filter(a -> a.workspaceId().equals(workspace) && a.name().equals(name))
                        .findFirst();
            }
        }

        @Override
        public List<Application> list(WorkspaceId workspace) {
            synchronized (lock) {
                return applications.values().stream().filter(a -> a.workspaceId().equals(workspace)).toList();
            }
        }

        @Override
        public List<Application> all() {
            synchronized (lock) {
                return List.copyOf(applications.values());
            }
        }

        @Override
        public Application update(Application application) {
            return replaceIn(applications, application.id().value(), application, "application");
        }

        @Override
        public void delete(ApplicationId id) {
            removeFrom(applications, id.value(), "application");
        }
    }

    private final class Versions implements VersionRepository {

        @Override
        public ApplicationVersion create(
                ApplicationId application, SourceSpec source, String manifestPath, String manifestText,
                Instant createdAt) {
            synchronized (lock) {
                applicationRepository.get(application);
                int number = highestVersionNumber.merge(application.value(), 1, Integer::sum);
                ApplicationVersion created = new ApplicationVersion(new VersionId(newId()), application, number,
                        VersionState.NEW, false, source, manifestPath, manifestText, Optional.empty(), createdAt,
                        Optional.empty(), false, StoredRevisions.FIRST);
                versions.put(created.id().value(), created);
                return created;
            }
        }

        @Override
        public Optional<ApplicationVersion> find(VersionId id) {
            return findIn(versions, id.value());
        }

        @Override
        public List<ApplicationVersion> list(ApplicationId application) {
            synchronized (lock) {
                return versions.values().stream()
                        .filter(v -> v.applicationId().equals(application))
                        .sorted(Comparator.comparingInt(ApplicationVersion::number))
                        .toList();
            }
        }

        @Override
        public List<ApplicationVersion> inStates(Set<VersionState> states) {
            synchronized (lock) {
                return RecordQueries.versionsIn(versions.values(), states);
            }
        }

        @Override
        public List<ApplicationVersion> current() {
            synchronized (lock) {
                return RecordQueries.current(versions.values());
            }
        }

        @Override
        public List<ApplicationVersion> withPackage(String checksum) {
            synchronized (lock) {
                return RecordQueries.withPackage(versions.values(), checksum);
            }
        }

        @Override
        public ApplicationVersion update(ApplicationVersion version) {
            return reviseIn(versions, version.id().value(), stored -> StoredRevisions.next(stored, version), "version");
        }

        @Override
        public void delete(VersionId id) {
            removeFrom(versions, id.value(), "version");
        }
    }

    private final class Services implements ServiceRepository {

        @Override
        public ApplicationService create(
                ApplicationId application, String name, String plugin, PluginParameters parameters,
                PluginParameters credentials) {
            synchronized (lock) {
                applicationRepository.get(application);
                if (findByName(application, name).isPresent()) {
                    throw new PaasmakerException(ErrorCode.CONFLICT,
                            "application " + application + " already has a service named '" + name + "'");
                }
                ApplicationService created = new ApplicationService(new ServiceId(newId()), application, name,
                        plugin, parameters, credentials);
                services.put(created.id().value(), created);
                return created;
            }
        }

        @Override
        public Optional<ApplicationService> find(ServiceId id) {
            return findIn(services, id.value());
        }

        @Override
        public Optional<ApplicationService> findByName(ApplicationId application, String name) {
            synchronized (lock) {
                return services.values().stream()
                        .filter(s -> s.applicationId().equals(application) && s.name().equals(name))
                        .findFirst();
            }
        }

        @Override
        public List<ApplicationService> list(ApplicationId application) {
            synchronized (lock) {
                return services.values().stream()
                        .filter(s -> s.applicationId().equals(application))
                        .sorted(Comparator.comparing(ApplicationService::name))
                        .toList();
            }
        }

        @Override
        public ApplicationService update(ApplicationService service) {
            return replaceIn(services, service.id().value(), service, "service");
        }

        @Override
        public void delete(ServiceId id) {
            removeFrom(services, id.value(), "service");
        }
    }

    private final class Instances implements InstanceRepository {

        @Override
        public Instance create(Instance instance) {
            synchronized (lock) {
                versionRepository.get(instance.versionId());
                if (instances.containsKey(instance.id().value())) {
                    throw new PaasmakerException(ErrorCode.CONFLICT, "an instance " + instance.id() + " exists already");
                }
                Instance stored = instance.withRevision(StoredRevisions.FIRST);
                instances.put(instance.id().value(), stored);
                return stored;
            }
        }

        @Override
        public Optional<Instance> find(InstanceId id) {
            return findIn(instances, id.value());
        }

        @Override
        public List<Instance> list(VersionId version) {
            synchronized (lock) {
                return instances.values().stream().filter(i -> i.versionId().equals(version)).toList();
            }
        }

        @Override
        public List<Instance> inStates(Set<InstanceState> states) {
            synchronized (lock) {
                return RecordQueries.instancesIn(instances.values(), states);
            }
        }

        @Override
        public List<Instance> onNode(String node) {
            synchronized (lock) {
                return RecordQueries.onNode(instances.values(), node);
            }
        }

        @Override
        public Instance update(Instance instance) {
            return reviseIn(instances, instance.id().value(), stored -> StoredRevisions.next(stored, instance),
                    "instance");
        }

        @Override
        public void delete(InstanceId id) {
            removeFrom(instances, id.value(), "instance");
        }
    }
}
