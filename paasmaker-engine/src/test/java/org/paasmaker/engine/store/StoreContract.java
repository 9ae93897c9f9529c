package org.paasmaker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * What every {@link Store} must do. The engine's in-memory store runs it; the server's database
 * store extends it too, so the engine cannot tell them apart.
 */
public abstract class StoreContract {

    private static final SourceSpec SOURCE = SourceSpec.of("paasmaker.scm.directory", Map.of("location", "/src"));

    protected Store store;

    protected abstract Store newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void workspacesAreCreatedFoundUpdatedAndDeleted() {
        Workspace dev = store.workspaces().create(NewWorkspace.of("Development", "dev", Map.of("RAILS_ENV", "development")));
        assertThat(store.workspaces().get(dev.id())).isEqualTo(dev);
        assertThat(store.workspaces().findByStub("dev")).contains(dev);
        assertThat(dev.tagMap()).containsEntry("RAILS_ENV", "development");

        Workspace renamed = store.workspaces().update(new Workspace(dev.id(), "Dev", "develop", PluginParameters.empty()));
        assertThat(store.workspaces().get(dev.id())).isEqualTo(renamed);
        assertThat(store.workspaces().findByStub("dev")).isEmpty();

        store.workspaces().delete(dev.id());
        assertThat(store.workspaces().find(dev.id())).isEmpty();
        assertThatThrownBy(() -> store.workspaces().get(dev.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aWorkspaceStubIsUnique() {
        Workspace first = store.workspaces().create(new NewWorkspace("One", "one"));
        Workspace second = store.workspaces().create(new NewWorkspace("Two", "two"));
        assertThatThrownBy(() -> store.workspaces().create(new NewWorkspace("Again", "one")))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("'one'");
        assertThatThrownBy(() -> store.workspaces().update(new Workspace(second.id(), "Two", "one", PluginParameters.empty())))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(store.workspaces().list()).containsExactly(first, second);
    }

    @Test
    void anApplicationIsFoundOrCreatedByNamePerWorkspace() {
        WorkspaceId one = store.workspaces().create(new NewWorkspace("One", "one")).id();
        WorkspaceId two = store.workspaces().create(new NewWorkspace("Two", "two")).id();
        Application hello = store.applications().findOrCreate(one, "hello", PluginParameters.of(Map.of("team", "a")));
        assertThat(store.applications().findOrCreate(one, "hello", PluginParameters.empty())).isEqualTo(hello);
        Application otherHello = store.applications().findOrCreate(two, "hello", PluginParameters.empty());
        assertThat(otherHello.id()).isNotEqualTo(hello.id());
        assertThat(store.applications().list(one)).containsExactly(hello);
        assertThat(store.applications().findByName(two, "hello")).contains(otherHello);

        Application retagged = store.applications().update(hello.withTags(PluginParameters.of(Map.of("team", "b"))));
        assertThat(store.applications().get(hello.id())).isEqualTo(retagged);
        store.applications().delete(hello.id());
        assertThat(store.applications().find(hello.id())).isEmpty();
    }

    @Test
    void everyWorkspacesApplicationsAreListedTogetherById() {
        WorkspaceId one = store.workspaces().create(new NewWorkspace("One", "one")).id();
        WorkspaceId two = store.workspaces().create(new NewWorkspace("Two", "two")).id();
        assertThat(store.applications().all()).isEmpty();
        Application hello = store.applications().findOrCreate(two, "hello", PluginParameters.empty());
        Application world = store.applications().findOrCreate(one, "world", PluginParameters.empty());
        Application again = store.applications().findOrCreate(two, "again", PluginParameters.empty());

        assertThat(store.applications().all()).containsExactly(hello, world, again);
        store.applications().delete(world.id());
        assertThat(store.applications().all()).containsExactly(hello, again);
    }

    @Test
    void versionsAreNumberedFromOneAndNumbersAreNeverReused() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        ApplicationVersion first = store.versions().create(app.id(), SOURCE, "manifest.yml", "text", Instant.EPOCH);
        ApplicationVersion second = store.versions().create(app.id(), SOURCE, "manifest.yml", "text", Instant.EPOCH);
        assertThat(first.number()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(first.state()).isEqualTo(VersionState.NEW);
        assertThat(first.packageChecksum()).isEmpty();

        store.versions().delete(second.id());
        assertThat(store.versions().create(app.id(), SOURCE, "manifest.yml", "text", Instant.EPOCH).number()).isEqualTo(3);

        ApplicationVersion prepared = store.versions().update(first.withPackage("ab".repeat(32)).withState(VersionState.PREPARED));
        assertThat(store.versions().get(first.id())).isEqualTo(prepared);
        assertThat(store.versions().list(app.id())).extracting(ApplicationVersion::number).containsExactly(1, 3);
        assertThatThrownBy(() -> store.versions().get(new VersionId(999_999))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aVersionKeepsWhenItsReleaseRanAndEverythingElseAsItWas() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        ApplicationVersion version = store.versions().update(store.versions()
                .create(app.id(), SOURCE, "manifest.yml", "text", Instant.EPOCH)
                .withPackage("cd".repeat(32)).withState(VersionState.PREPARED));
        assertThat(version.releasedAt()).as("a new version has not been released").isEmpty();

        Instant at = Instant.parse("2026-12-05T23:45:01.123456789Z");
        ApplicationVersion released = store.versions().update(version.released(at));

        assertThat(released.releasedAt()).hasValue(at);
        assertThat(store.versions().get(version.id())).isEqualTo(released);
        ApplicationVersion running = store.versions().update(store.versions().get(version.id())
                .withState(VersionState.RUNNING).withCurrent(true));
        assertThat(store.versions().get(version.id()).releasedAt()).as("later changes keep it").hasValue(at);
        assertThat(store.versions().get(version.id())).isEqualTo(running);
    }

    @Test
    void aVersionKeepsItsKeepMarkUntilItIsTakenOff() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        ApplicationVersion version = store.versions().create(app.id(), SOURCE, "manifest.yml", "text", Instant.EPOCH);
        assertThat(version.kept()).isFalse();

        ApplicationVersion kept = store.versions().update(version.withKept(true).withState(VersionState.PREPARED));
        assertThat(store.versions().get(version.id()).kept()).isTrue();
        assertThat(store.versions().list(app.id())).containsExactly(kept);
        assertThat(store.versions().update(kept.withKept(false)).kept()).isFalse();
        assertThat(store.versions().get(version.id()).kept()).isFalse();
    }

    @Test
    void concurrentVersionsGetDistinctNumbers() throws Exception {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ApplicationVersion>> created = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                created.add(pool.submit(() -> store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH)));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<ApplicationVersion> future : created) {
                numbers.add(future.get().number());
            }
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void servicesAreUniqueByNamePerApplication() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        PluginParameters credentials = PluginParameters.of(Map.of("directory", "/data", "protocol", "directory"));
        ApplicationService files = store.services().create(app.id(), "files", "paasmaker.service.filesystem",
                PluginParameters.empty(), credentials);
        ApplicationService db = store.services().create(app.id(), "db", "paasmaker.service.parameters",
                PluginParameters.of(Map.of("host", "x")), PluginParameters.of(Map.of("host", "x")));
        assertThat(store.services().findByName(app.id(), "files")).contains(files);
        assertThat(store.services().list(app.id())).containsExactly(db, files);
        assertThatThrownBy(() -> store.services().create(app.id(), "files", "paasmaker.service.filesystem",
                PluginParameters.empty(), credentials))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

        ApplicationService updated = store.services().update(db.withCredentials(PluginParameters.of(Map.of("host", "y")),
                PluginParameters.of(Map.of("host", "y"))));
        assertThat(store.services().get(db.id()).credentials().asMap()).containsEntry("host", "y");
        assertThat(store.services().get(db.id())).isEqualTo(updated);
        store.services().delete(db.id());
        assertThat(store.services().list(app.id())).containsExactly(files);
    }

    @Test
    void instancesBelongToAVersionAndKeepTheirState() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        ApplicationVersion one = store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        ApplicationVersion two = store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        Instance web = store.instances().create(Instance.allocated(one.id(), "web", "local", Instant.EPOCH));
        Instance worker = store.instances().create(Instance.allocated(one.id(), "worker", "local", Instant.EPOCH));
        Instance other = store.instances().create(Instance.allocated(two.id(), "web", "local", Instant.EPOCH));

        assertThat(store.instances().list(one.id())).containsExactly(web, worker);
        assertThat(store.instances().list(two.id())).containsExactly(other);
        assertThatThrownBy(() -> store.instances().create(web))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

        Instance running = store.instances().update(web.withPort(42600).running(Instant.ofEpochSecond(5)));
        assertThat(store.instances().get(web.id())).isEqualTo(running);
        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(running.port()).hasValue(42600);
        assertThat(running.startedAt()).contains(Instant.ofEpochSecond(5));
        assertThat(running.restarts()).isZero();
        Instance restarting = store.instances().update(running.restarting("its process exited with status 0"));
        assertThat(store.instances().get(web.id())).isEqualTo(restarting);
        assertThat(restarting.restarts()).isEqualTo(1);

        store.instances().delete(web.id());
        assertThat(store.instances().find(web.id())).isEmpty();
        assertThatThrownBy(() -> store.instances().get(web.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void versionsAreFoundByStateCurrencyAndPackageAcrossApplications() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        WorkspaceId other = store.workspaces().create(new NewWorkspace("Two", "two")).id();
        Application hello = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        Application world = store.applications().findOrCreate(other, "world", PluginParameters.empty());
        ApplicationVersion helloOne = store.versions().update(store.versions()
                .create(hello.id(), SOURCE, "m", "t", Instant.EPOCH).withPackage("aaa").withState(VersionState.READY));
        ApplicationVersion helloTwo = store.versions().update(store.versions()
                .create(hello.id(), SOURCE, "m", "t", Instant.EPOCH).withPackage("bbb").withState(VersionState.RUNNING)
                .withCurrent(true));
        ApplicationVersion worldOne = store.versions().update(store.versions()
                .create(world.id(), SOURCE, "m", "t", Instant.EPOCH).withPackage("aaa").withState(VersionState.RUNNING));
        ApplicationVersion fresh = store.versions().create(world.id(), SOURCE, "m", "t", Instant.EPOCH);

        assertThat(store.versions().inStates(Set.of(VersionState.RUNNING))).containsExactly(helloTwo, worldOne);
        assertThat(store.versions().inStates(Set.of(VersionState.READY, VersionState.NEW)))
                .containsExactly(helloOne, fresh);
        assertThat(store.versions().inStates(Set.of())).isEmpty();
        assertThat(store.versions().current()).containsExactly(helloTwo);
        assertThat(store.versions().withPackage("aaa")).containsExactly(helloOne, worldOne);
        assertThat(store.versions().withPackage("ccc")).isEmpty();

        ApplicationVersion worldCurrent = store.versions().update(worldOne.withCurrent(true));
        assertThat(store.versions().current()).containsExactly(helloTwo, worldCurrent);
        store.versions().delete(helloOne.id());
        assertThat(store.versions().withPackage("aaa")).containsExactly(worldCurrent);
    }

    @Test
    void instancesAreFoundByStateAndNodeAcrossVersions() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        ApplicationVersion one = store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        ApplicationVersion two = store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        Instance a = store.instances().update(store.instances()
                .create(Instance.allocated(one.id(), "web", "node-a", Instant.EPOCH)).withPort(42600)
                .running(Instant.EPOCH));
        Instance b = store.instances().create(Instance.allocated(two.id(), "web", "node-b", Instant.EPOCH));
        Instance c = store.instances().update(store.instances()
                .create(Instance.allocated(two.id(), "worker", "node-a", Instant.EPOCH)).withPort(42601)
                .running(Instant.EPOCH));

        assertThat(store.instances().inStates(Set.of(InstanceState.RUNNING))).containsExactly(a, c);
        assertThat(store.instances().inStates(Set.of(InstanceState.RUNNING, b.state()))).containsExactly(a, b, c);
        assertThat(store.instances().inStates(Set.of())).isEmpty();
        assertThat(store.instances().onNode("node-a")).containsExactly(a, c);
        assertThat(store.instances().onNode("node-b")).containsExactly(b);
        assertThat(store.instances().onNode("node-c")).isEmpty();

        Instance stopped = store.instances().update(a.withState(InstanceState.STOPPED, "stopped"));
        assertThat(store.instances().inStates(Set.of(InstanceState.RUNNING))).containsExactly(c);
        assertThat(store.instances().onNode("node-a")).containsExactly(stopped, c);
    }

    @Test
    void anInstanceWrittenOverAStaleRevisionIsRefusedAndTheNewerWriteStays() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        ApplicationVersion version = store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        Instance allocated = Instance.allocated(version.id(), "web", "node-a", Instant.EPOCH);
        assertThat(allocated.revision()).isZero();
        Instance read = store.instances().create(allocated);
        assertThat(read.revision()).isPositive();
        assertThat(store.instances().get(read.id())).isEqualTo(read);

        Instance registered = store.instances().update(read.withPort(42600).withState(InstanceState.REGISTERED, ""));
        assertThat(registered.revision()).isEqualTo(read.revision() + 1);
        assertThat(store.instances().get(read.id())).isEqualTo(registered);
        assertThatThrownBy(() -> store.instances().update(read.withState(InstanceState.STOPPED, "stopped")))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("instance " + read.id() + " changed since it was read"
                            + " (revision " + read.revision() + ", now " + registered.revision()
                            + "); read it again and repeat the change");
                });
        assertThat(store.instances().get(read.id())).isEqualTo(registered);
        assertThat(store.instances().list(version.id())).containsExactly(registered);
        assertThat(store.instances().onNode("node-a")).containsExactly(registered);

        // A write that changes nothing still counts, so a writer holding the older revision cannot follow it.
        Instance rewritten = store.instances().update(registered);
        assertThat(rewritten.revision()).isEqualTo(registered.revision() + 1);
        assertThatThrownBy(() -> store.instances().update(registered.withState(InstanceState.ERROR, "late")))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(store.instances().get(read.id())).isEqualTo(rewritten);
    }

    @Test
    void aVersionWrittenOverAStaleRevisionIsRefusedAndTheNewerWriteStays() {
        WorkspaceId ws = store.workspaces().create(new NewWorkspace("One", "one")).id();
        Application app = store.applications().findOrCreate(ws, "hello", PluginParameters.empty());
        ApplicationVersion read = store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        assertThat(read.revision()).isPositive();
        assertThat(store.versions().get(read.id())).isEqualTo(read);

        ApplicationVersion prepared = store.versions().update(read.withPackage("ab".repeat(32))
                .withState(VersionState.PREPARED));
        assertThat(prepared.revision()).isEqualTo(read.revision() + 1);
        assertThat(store.versions().get(read.id())).isEqualTo(prepared);
        assertThatThrownBy(() -> store.versions().update(read.withKept(true)))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("version " + read.id() + " changed since it was read"
                            + " (revision " + read.revision() + ", now " + prepared.revision()
                            + "); read it again and repeat the change");
                });
        assertThat(store.versions().get(read.id())).isEqualTo(prepared);
        assertThat(store.versions().inStates(Set.of(VersionState.PREPARED))).containsExactly(prepared);
        assertThat(store.versions().withPackage("ab".repeat(32))).containsExactly(prepared);

        ApplicationVersion kept = store.versions().update(prepared.withKept(true));
        assertThat(kept.revision()).isEqualTo(prepared.revision() + 1);
        assertThat(store.versions().list(app.id())).containsExactly(kept);
    }
}
