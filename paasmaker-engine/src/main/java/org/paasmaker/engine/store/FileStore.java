package org.paasmaker.engine.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
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
import org.paasmaker.engine.job.JobRecords;

/**
 * A store for an embedded engine without a database: its records in memory, and in one JSON file
 * that each change rewrites whole, so the next engine finds them (and the instances this one started).
 * One lock guards everything, the write included, so each operation is atomic, a change is on disk
 * before anyone sees it, and writes land in the order the changes were made. A change whose write
 * fails is undone in memory too. Only one store at a time may have the file open.
 */
public final class FileStore implements Store, AutoCloseable {

    /** Where the job trees are beside the store's file, unless {@link #open(Path, Path)} says otherwise. */
    static final String JOBS = "jobs";

    private final Object lock = new Object();
    private final FileStoreFile file;
    private FileStoreSnapshot saved;
    private FileStoreState state;
    private boolean closed;

    private final WorkspaceRepository workspaceRepository = new Workspaces();
    private final ApplicationRepository applicationRepository = new Applications();
    private final VersionRepository versionRepository = new Versions();
    private final ServiceRepository serviceRepository = new Services();
    private final InstanceRepository instanceRepository = new Instances();
    private final JobRepository jobRepository;

    private FileStore(FileStoreFile file, FileStoreSnapshot saved, JobRepository jobs) {
        this.file = file;
        this.jobRepository = jobs;
        this.saved = saved;
        this.state = new FileStoreState(saved);
    }

    /**
     * The store kept in {@code file}, which is created with the first change if it does not exist.
     * A {@code CONFLICT} error when another store has it open; an {@code INTERNAL} one when it cannot
     * be read, which says how to recover.
     */
    public static FileStore open(Path file) {
        return open(file, file.resolveSibling(JOBS));
    }

    /**
     * The store kept in {@code file}, its job trees a file each in {@code jobs} (as the engine kept them
     * before the store did, where the engine keeps their logs: none is lost across an upgrade).
     */
    public static FileStore open(Path file, Path jobs) {
        FileStoreFile claimed = FileStoreFile.claim(file);
        try {
            return new FileStore(claimed, claimed.read().map(content -> decode(claimed, content))
                    .orElse(FileStoreSnapshot.EMPTY), new JobRecords(jobs, FileStore::warnAboutJobs));
        } catch (RuntimeException e) {
            claimed.close();
            throw e;
        }
    }

    private static FileStoreSnapshot decode(FileStoreFile file, byte[] content) {
        try {
            return FileStoreCodec.decode(content);
        } catch (IOException | RuntimeException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the store file " + file.path() + " is unreadable: "
                    + e.getMessage() + "; restore it from its backup " + file.backup()
                    + " or move it away to start empty", e);
        }
    }

    /** Releases the file for another store; this one refuses every call afterwards. */
    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                file.close();
            }
        }
    }

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

    /** Kept a file per tree, written on the job's change, not under the store's lock: trees are the job manager's alone. */
    @Override
    public JobRepository jobs() {
        return jobRepository;
    }

    private static void warnAboutJobs(String message) {
        System.getLogger(FileStore.class.getName()).log(System.Logger.Level.WARNING, message);
    }

    private <T> T read(Function<FileStoreState, T> query) {
        synchronized (lock) {
            requireOpen();
            return query.apply(state);
        }
    }

    /**
     * Applies the change and saves the result; when either fails, the state goes back to what the
     * file holds, so memory never runs ahead of the disk however far the change got.
     */
    private <T> T change(Function<FileStoreState, T> operation) {
        synchronized (lock) {
            requireOpen();
            try {
                T result = operation.apply(state);
                FileStoreSnapshot next = state.snapshot();
                if (!next.equals(saved)) {
                    file.write(FileStoreCodec.encode(next));
                    saved = next;
                }
                return result;
            } catch (RuntimeException e) {
                state = new FileStoreState(saved);
                throw e;
            }
        }
    }

    private void perform(Consumer<FileStoreState> operation) {
        change(s -> {
            operation.accept(s);
            return null;
        });
    }

    private void requireOpen() {
        if (closed) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the store of " + file.path()
                    + " is closed; open the file again to use it");
        }
    }

    private final class Workspaces implements WorkspaceRepository {

        @Override
        public Workspace create(NewWorkspace request) {
            return change(s -> s.createWorkspace(request));
        }

        @Override
        public Optional<Workspace> find(WorkspaceId id) {
            return read(s -> s.workspace(id));
        }

        @Override
        public Optional<Workspace> findByStub(String stub) {
            return read(s -> s.workspaceByStub(stub));
        }

        @Override
        public List<Workspace> list() {
            return read(FileStoreState::workspaces);
        }

        @Override
        public Workspace update(Workspace workspace) {
            return change(s -> s.updateWorkspace(workspace));
        }

        @Override
        public void delete(WorkspaceId id) {
            perform(s -> s.deleteWorkspace(id));
        }
    }

    private final class Applications implements ApplicationRepository {

        @Override
        public Application findOrCreate(WorkspaceId workspace, String name, PluginParameters tags) {
            return change(s -> s.findOrCreateApplication(workspace, name, tags));
        }

        @Override
        public Optional<Application> find(ApplicationId id) {
            return read(s -> s.application(id));
        }

        @Override
        public Optional<Application> findByName(WorkspaceId workspace, String name) {
            return read(s -> s.applicationByName(workspace, name));
        }

        @Override
        public List<Application> list(WorkspaceId workspace) {
            return read(s -> s.applications(workspace));
        }

        @Override
        public List<Application> all() {
            return read(FileStoreState::allApplications);
        }

        @Override
        public Application update(Application application) {
            return change(s -> s.updateApplication(application));
        }

        @Override
        public void delete(ApplicationId id) {
            perform(s -> s.deleteApplication(id));
        }
    }

    private final class Versions implements VersionRepository {

        @Override
        public ApplicationVersion create(
                ApplicationId application, SourceSpec source, String manifestPath, String manifestText,
                Instant createdAt) {
            return change(s -> s.createVersion(application, source, manifestPath, manifestText, createdAt));
        }

        @Override
        public Optional<ApplicationVersion> find(VersionId id) {
            return read(s -> s.version(id));
        }

        @Override
        public List<ApplicationVersion> list(ApplicationId application) {
            return read(s -> s.versions(application));
        }

        @Override
        public List<ApplicationVersion> inStates(Set<VersionState> states) {
            return read(s -> RecordQueries.versionsIn(s.allVersions(), states));
        }

        @Override
        public List<ApplicationVersion> current() {
            return read(s -> RecordQueries.current(s.allVersions()));
        }

        @Override
        public List<ApplicationVersion> withPackage(String checksum) {
            return read(s -> RecordQueries.withPackage(s.allVersions(), checksum));
        }

        @Override
        public ApplicationVersion update(ApplicationVersion version) {
            return change(s -> s.updateVersion(version));
        }

        @Override
        public void delete(VersionId id) {
            perform(s -> s.deleteVersion(id));
        }
    }

    private final class Services implements ServiceRepository {

        @Override
        public ApplicationService create(
                ApplicationId application, String name, String plugin, PluginParameters parameters,
                PluginParameters credentials) {
            return change(s -> s.createService(application, name, plugin, parameters, credentials));
        }

        @Override
        public Optional<ApplicationService> find(ServiceId id) {
            return read(s -> s.service(id));
        }

        @Override
        public Optional<ApplicationService> findByName(ApplicationId application, String name) {
            return read(s -> s.serviceByName(application, name));
        }

        @Override
        public List<ApplicationService> list(ApplicationId application) {
            return read(s -> s.services(application));
        }

        @Override
        public ApplicationService update(ApplicationService service) {
            return change(s -> s.updateService(service));
        }

        @Override
        public void delete(ServiceId id) {
            perform(s -> s.deleteService(id));
        }
    }

    private final class Instances implements InstanceRepository {

        @Override
        public Instance create(Instance instance) {
            return change(s -> s.createInstance(instance));
        }

        @Override
        public Optional<Instance> find(InstanceId id) {
            return read(s -> s.instance(id));
        }

        @Override
        public List<Instance> list(VersionId version) {
            return read(s -> s.instances(version));
        }

        @Override
        public List<Instance> inStates(Set<InstanceState> states) {
            return read(s -> RecordQueries.instancesIn(s.allInstances(), states));
        }

        @Override
        public List<Instance> onNode(String node) {
            return read(s -> RecordQueries.onNode(s.allInstances(), node));
        }

        @Override
        public Instance update(Instance instance) {
            return change(s -> s.updateInstance(instance));
        }

        @Override
        public void delete(InstanceId id) {
            perform(s -> s.deleteInstance(id));
        }
    }
}

