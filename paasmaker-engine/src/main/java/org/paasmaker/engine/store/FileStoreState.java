package org.paasmaker.engine.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceId;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * The records of a {@link FileStore} and the rules they keep (unique stubs and names, version numbers
 * never reused), with no locking and no disk: the store serializes calls and saves
 * {@link #snapshot()} after each change.
 */
final class FileStoreState {

    private final Map<Long, Workspace> workspaces = new LinkedHashMap<>();
    private final Map<Long, Application> applications = new LinkedHashMap<>();
    private final Map<Long, ApplicationVersion> versions = new LinkedHashMap<>();
    private final Map<Long, Integer> highestVersionNumbers = new LinkedHashMap<>();
    private final Map<Long, ApplicationService> services = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private long nextId;

    FileStoreState(FileStoreSnapshot snapshot) {
        nextId = snapshot.nextId();
        highestVersionNumbers.putAll(snapshot.highestVersionNumbers());
        snapshot.workspaces().forEach(w -> workspaces.put(w.id().value(), w));
        snapshot.applications().forEach(a -> applications.put(a.id().value(), a));
        snapshot.versions().forEach(v -> versions.put(v.id().value(), v));
        snapshot.services().forEach(s -> services.put(s.id().value(), s));
        snapshot.instances().forEach(i -> instances.put(i.id().value(), i));
    }

    FileStoreSnapshot snapshot() {
        return new FileStoreSnapshot(nextId, highestVersionNumbers, List.copyOf(workspaces.values()),
                List.copyOf(applications.values()), List.copyOf(versions.values()), List.copyOf(services.values()),
                List.copyOf(instances.values()));
    }

    // Workspaces

    Workspace createWorkspace(NewWorkspace request) {
        requireFreeStub(request.stub(), 0);
        return add(workspaces, id -> new Workspace(new WorkspaceId(id), request.name(), request.stub(), request.tags()));
    }

    Optional<Workspace> workspace(WorkspaceId id) {
        return Optional.ofNullable(workspaces.get(id.value()));
    }

    Optional<Workspace> workspaceByStub(String stub) {
        return workspaces.values().stream().filter(w -> w.stub().equals(stub)).findFirst();
    }

    List<Workspace> workspaces() {
        return List.copyOf(workspaces.values());
    }

    Workspace updateWorkspace(Workspace workspace) {
        requireFreeStub(workspace.stub(), workspace.id().value());
        return replace(workspaces, workspace.id().value(), workspace, "workspace");
    }

    void deleteWorkspace(WorkspaceId id) {
        remove(workspaces, id.value(), "workspace");
    }

    private void requireFreeStub(String stub, long owner) {
        workspaceByStub(stub).filter(w -> w.id().value() != owner).ifPresent(w -> {
            throw new PaasmakerException(ErrorCode.CONFLICT, "the workspace stub '" + stub
                    + "' is taken by workspace '" + w.name() + "'; choose another stub");
        });
    }

    // Applications

    Application findOrCreateApplication(WorkspaceId workspace, String name, PluginParameters tags) {
        existing(workspaces, workspace.value(), "workspace");
        return applicationByName(workspace, name).orElseGet(
                () -> add(applications, id -> new Application(new ApplicationId(id), workspace, name, tags)));
    }

    Optional<Application> application(ApplicationId id) {
        return Optional.ofNullable(applications.get(id.value()));
    }

    Optional<Application> applicationByName(WorkspaceId workspace, String name) {
        return applications.values().stream()
                .filter(a -> a.workspaceId().equals(workspace) && a.name().equals(name))
                .findFirst();
    }

    List<Application> applications(WorkspaceId workspace) {
        return applications.values().stream().filter(a -> a.workspaceId().equals(workspace)).toList();
    }

    List<Application> allApplications() {
        return applications.values().stream().sorted(Comparator.comparingLong(a -> a.id().value())).toList();
    }

    Application updateApplication(Application application) {
        return replace(applications, application.id().value(), application, "application");
    }

    void deleteApplication(ApplicationId id) {
        remove(applications, id.value(), "application");
    }

    // Versions

    ApplicationVersion createVersion(
            ApplicationId application, SourceSpec source, String manifestPath, String manifestText, Instant createdAt) {
        existing(applications, application.value(), "application");
        int number = highestVersionNumbers.merge(application.value(), 1, Integer::sum);
        return add(versions, id -> new ApplicationVersion(new VersionId(id), application, number, VersionState.NEW,
                false, source, manifestPath, manifestText, Optional.empty(), createdAt, Optional.empty(), false,
                StoredRevisions.FIRST));
    }

    Optional<ApplicationVersion> version(VersionId id) {
        return Optional.ofNullable(versions.get(id.value()));
    }

    List<ApplicationVersion> versions(ApplicationId application) {
        return versions.values().stream()
                .filter(v -> v.applicationId().equals(application))
                .sorted(Comparator.comparingInt(ApplicationVersion::number))
                .toList();
    }

    /** Every version, in the order of their ids. */
    Collection<ApplicationVersion> allVersions() {
        return versions.values();
    }

    ApplicationVersion updateVersion(ApplicationVersion version) {
        return revise(versions, version.id().value(), stored -> StoredRevisions.next(stored, version), "version");
    }

    void deleteVersion(VersionId id) {
        remove(versions, id.value(), "version");
    }

    // Services

    ApplicationService createService(
            ApplicationId application, String name, String plugin, PluginParameters parameters,
            PluginParameters credentials) {
        existing(applications, application.value(), "application");
        if (serviceByName(application, name).isPresent()) {
            throw new PaasmakerException(ErrorCode.CONFLICT,
                    "application " + application + " already has a service named '" + name + "'");
        }
        return add(services, id -> new ApplicationService(new ServiceId(id), application, name, plugin, parameters,
                credentials));
    }

    Optional<ApplicationService> service(ServiceId id) {
        return Optional.ofNullable(services.get(id.value()));
    }

    Optional<ApplicationService> serviceByName(ApplicationId application, String name) {
        return services.values().stream()
                .filter(s -> s.applicationId().equals(application) && s.name().equals(name))
                .findFirst();
    }

    List<ApplicationService> services(ApplicationId application) {
        return services.values().stream()
                .filter(s -> s.applicationId().equals(application))
                .sorted(Comparator.comparing(ApplicationService::name))
                .toList();
    }

    ApplicationService updateService(ApplicationService service) {
        return replace(services, service.id().value(), service, "service");
    }

    void deleteService(ServiceId id) {
        remove(services, id.value(), "service");
    }

    // Instances

    Instance createInstance(Instance instance) {
        existing(versions, instance.versionId().value(), "version");
        if (instances.containsKey(instance.id().value())) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "an instance " + instance.id() + " exists already");
        }
        Instance stored = instance.withRevision(StoredRevisions.FIRST);
        instances.put(instance.id().value(), stored);
        return stored;
    }

    Optional<Instance> instance(InstanceId id) {
        return Optional.ofNullable(instances.get(id.value()));
    }

    List<Instance> instances(VersionId version) {
        return instances.values().stream().filter(i -> i.versionId().equals(version)).toList();
    }

    /** Every instance, oldest first. */
    Collection<Instance> allInstances() {
        return instances.values();
    }

    Instance updateInstance(Instance instance) {
        return revise(instances, instance.id().value(), stored -> StoredRevisions.next(stored, instance), "instance");
    }

    void deleteInstance(InstanceId id) {
        remove(instances, id.value(), "instance");
    }

    // Shared by all kinds

    private <T> T add(Map<Long, T> records, Function<Long, T> withId) {
        long id = nextId++;
        T record = withId.apply(id);
        records.put(id, record);
        return record;
    }

    private static <K> void existing(Map<K, ?> records, K id, String kind) {
        if (!records.containsKey(id)) {
            throw new NotFoundException(kind, id);
        }
    }

    private static <K, T> T replace(Map<K, T> records, K id, T record, String kind) {
        existing(records, id, kind);
        records.put(id, record);
        return record;
    }

    private static <K, T> T revise(Map<K, T> records, K id, UnaryOperator<T> next, String kind) {
        existing(records, id, kind);
        T record = next.apply(records.get(id));
        records.put(id, record);
        return record;
    }

    private static <K> void remove(Map<K, ?> records, K id, String kind) {
        if (records.remove(id) == null) {
            throw new NotFoundException(kind, id);
        }
    }
}
