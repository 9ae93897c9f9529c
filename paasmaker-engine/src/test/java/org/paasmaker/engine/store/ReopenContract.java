package org.paasmaker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;

/**
 * What a durable store kept is what the next store on the same data finds, as after a restart: every
 * record equal, every parameter value with its Java type, ids and version numbers never reused. A
 * store that keeps its records extends this with how it opens and restarts.
 */
public abstract class ReopenContract {

    private static final SourceSpec SOURCE = SourceSpec.of("paasmaker.scm.directory", Map.of("location", "/src"));

    /** A store on the test's data, opened for the first time. */
    protected abstract Store open();

    /** Closes the store that is open, as a stopping server does, and opens one on the same data again. */
    protected abstract Store restart();

    @Test
    void everyRecordComesBackEqual() {
        Store store = open();
        Workspace dev = store.workspaces().create(NewWorkspace.of("Development", "dev", everyKindOfValue()));
        Workspace prod = store.workspaces().create(new NewWorkspace("Production", "prod"));
        Application hello = store.applications().findOrCreate(dev.id(), "hello",
                PluginParameters.of(Map.of("team", "web", "replicas", 3L)));
        Application other = store.applications().findOrCreate(prod.id(), "other", PluginParameters.empty());
        ApplicationVersion fresh = store.versions().create(hello.id(),
                SourceSpec.git("https://example.org/hello.git", "main", null), "manifest.yml",
                "application:\n  name: hello\n" + "# a long manifest\n".repeat(4000),
                Instant.parse("2024-05-06T07:08:09.123456789Z"));
        ApplicationVersion prepared = store.versions().create(hello.id(), SourceSpec.of("paasmaker.scm.directory",
                Map.of("location", "/src", "options", everyKindOfValue())), "sub/manifest.yml", "text", Instant.EPOCH);
        ApplicationVersion running = store.versions().update(new ApplicationVersion(prepared.id(), hello.id(),
                prepared.number(), VersionState.RUNNING, true, prepared.source(), prepared.manifestPath(),
                prepared.manifestText(), Optional.of("ab".repeat(32)), prepared.createdAt(),
                Optional.of(Instant.ofEpochSecond(1_700_000_000, 7)), true, prepared.revision()));
        store.services().create(hello.id(), "db", "paasmaker.service.parameters",
                PluginParameters.of(Map.of("host", "db.local", "port", 5432L)),
                PluginParameters.of(Map.of("host", "db.local", "port", 5432L, "password", "s3cret")));
        store.services().create(other.id(), "files", "paasmaker.service.filesystem", PluginParameters.empty(),
                PluginParameters.of(Map.of("directory", "/data/files", "protocol", "directory")));
        Instance allocated = store.instances().create(Instance.allocated(fresh.id(), "web", "local", Instant.EPOCH));
        Instance web = store.instances().create(Instance.allocated(running.id(), "web", "local", Instant.EPOCH));
        store.instances().update(web.withPort(42600).running(Instant.ofEpochSecond(1_700_000_000, 5)));
        Instance failed = store.instances().create(Instance.allocated(running.id(), "worker", "node-2", Instant.EPOCH));
        store.instances().update(failed.withState(InstanceState.ERROR, "exited with status 3\nsee the log"));
        Snapshot before = Snapshot.of(store);
        assertThat(before.instances()).hasSize(3).contains(allocated);
        assertThat(before.services()).hasSize(2);
        assertThat(before.versions()).hasSize(2);

        assertThat(Snapshot.of(restart())).isEqualTo(before);
    }

    @Test
    void parameterValuesKeepTheirTypes() {
        Map<String, Object> values = everyKindOfValue();
        open().workspaces().create(NewWorkspace.of("Typed", "typed", values));

        Map<String, Object> tags = restart().workspaces().findByStub("typed").orElseThrow().tagMap();
        assertThat(tags).isEqualTo(PluginParameters.of(values).asMap());
        assertThat(tags.get("long")).isInstanceOf(Long.class);
        assertThat(tags.get("integer")).isInstanceOf(Integer.class);
        assertThat(tags.get("whole double")).isInstanceOf(Double.class);
        assertThat(tags.get("numeric text")).isInstanceOf(String.class);
        assertThat((Double) tags.get("negative zero")).isEqualTo(-0.0d).matches(d -> 1 / d < 0);
    }

    @Test
    void idsContinueAndVersionNumbersAreNotReusedAfterARestart() {
        Store store = open();
        Workspace ws = store.workspaces().create(new NewWorkspace("One", "one"));
        Application app = store.applications().findOrCreate(ws.id(), "hello", PluginParameters.empty());
        ApplicationVersion first = store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        ApplicationVersion second = store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        store.versions().delete(second.id());
        ApplicationService db = store.services().create(app.id(), "db", "p", PluginParameters.empty(),
                PluginParameters.empty());
        Instance older = store.instances().create(Instance.allocated(first.id(), "web", "local", Instant.EPOCH));

        Store reopened = restart();
        ApplicationVersion third = reopened.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH);
        assertThat(third.number()).isEqualTo(3);
        assertThat(third.id().value()).isGreaterThan(second.id().value());
        assertThat(reopened.workspaces().create(new NewWorkspace("Two", "two")).id().value())
                .isGreaterThan(ws.id().value());
        assertThat(reopened.applications().findOrCreate(ws.id(), "other", PluginParameters.empty()).id().value())
                .isGreaterThan(app.id().value());
        assertThat(reopened.services().create(app.id(), "files", "p", PluginParameters.empty(),
                PluginParameters.empty()).id().value()).isGreaterThan(db.id().value());
        Instance newer = reopened.instances().create(Instance.allocated(first.id(), "web", "local", Instant.EPOCH));
        assertThat(reopened.instances().list(first.id())).containsExactly(older, newer);
    }

    /** One of each YAML-shaped value, nested, plus keys that look like the JSON's own type marks. */
    static Map<String, Object> everyKindOfValue() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of("a", 1L, 2, 2.5d, true, List.of(), Map.of("deep", List.of(Map.of("x", 7L)))));
        nested.put("$int", 5L);
        nested.put("$$double", "NaN");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "hello \"world\"\n\u00e9\u4e2d");
        values.put("empty text", "");
        values.put("numeric text", "42");
        values.put("long", Long.MAX_VALUE);
        values.put("small long", 1L);
        values.put("integer", Integer.MIN_VALUE);
        values.put("double", 0.1d);
        values.put("whole double", 1.0d);
        values.put("huge double", 1e300d);
        values.put("negative zero", -0.0d);
        values.put("not a number", Double.NaN);
        values.put("infinity", Double.NEGATIVE_INFINITY);
        values.put("true", true);
        values.put("false", false);
        values.put("nested", nested);
        values.put("empty map", Map.of());
        values.put("$", "a lone mark");
        return values;
    }

    /** Everything a store lists, for comparing two stores. */
    private record Snapshot(List<Workspace> workspaces, List<Application> applications,
            List<ApplicationVersion> versions, List<ApplicationService> services, List<Instance> instances) {

        static Snapshot of(Store store) {
            List<Workspace> workspaces = store.workspaces().list();
            List<Application> applications = workspaces.stream()
                    .flatMap(w -> store.applications().list(w.id()).stream()).toList();
            List<ApplicationVersion> versions = applications.stream()
                    .flatMap(a -> store.versions().list(a.id()).stream()).toList();
            List<ApplicationService> services = applications.stream()
                    .flatMap(a -> store.services().list(a.id()).stream()).toList();
            List<Instance> instances = versions.stream()
                    .flatMap(v -> store.instances().list(v.id()).stream()).toList();
            return new Snapshot(workspaces, applications, versions, services, instances);
        }
    }
}
