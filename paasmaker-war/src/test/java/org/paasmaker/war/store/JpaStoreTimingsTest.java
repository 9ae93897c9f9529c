package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.NewWorkspace;

/**
 * Prints roughly what one update and one list cost on embedded Derby, one thread, after a warm-up.
 * For the record only: it asserts what was stored, never how fast.
 */
class JpaStoreTimingsTest {

    private static final int INSTANCES = 20;
    private static final int VERSIONS = 50;
    private static final int ROUNDS = 200;

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @AfterEach
    void shutDown() {
        derby.close();
    }

    @Test
    void printsTheTimePerUpdateAndPerList() {
        derby = new EmbeddedDerby(directory);
        Store store = derby.openStore();
        Application app = store.applications().findOrCreate(
                store.workspaces().create(new NewWorkspace("One", "one")).id(), "hello", PluginParameters.empty());
        SourceSpec source = SourceSpec.of("paasmaker.scm.directory", Map.of("location", "/src"));
        List<ApplicationVersion> versions = new ArrayList<>();
        for (int i = 0; i < VERSIONS; i++) {
            versions.add(store.versions().create(app.id(), source, "manifest.yml", "application:\n  name: hello\n",
                    Instant.EPOCH));
        }
        ApplicationVersion version = versions.get(0);
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(store.instances().create(Instance.allocated(version.id(), "web", "local", Instant.EPOCH)));
        }

        // Each update names the revision the previous one returned.
        IntConsumer update = i -> instances.set(i % INSTANCES,
                store.instances().update(instances.get(i % INSTANCES).withPort(40000 + i)));
        IntConsumer listInstances = i -> store.instances().list(version.id());
        IntConsumer listVersions = i -> store.versions().list(app.id());
        IntConsumer find = i -> store.instances().get(instances.get(i % INSTANCES).id());
        System.out.printf("JpaStore on embedded Derby, one thread: update %.2f ms, get %.2f ms,"
                        + " list of %d instances %.2f ms, list of %d versions %.2f ms%n",
                millisEach(update), millisEach(find), INSTANCES, millisEach(listInstances), VERSIONS,
                millisEach(listVersions));

        assertThat(store.instances().list(version.id())).hasSize(INSTANCES);
        assertThat(store.versions().list(app.id())).hasSize(VERSIONS);
    }

    private static double millisEach(IntConsumer operation) {
        for (int i = 0; i < ROUNDS; i++) {
            operation.accept(i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            operation.accept(i);
        }
        return (System.nanoTime() - start) / 1e6 / ROUNDS;
    }
}
