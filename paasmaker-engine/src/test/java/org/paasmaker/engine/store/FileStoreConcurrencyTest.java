package org.paasmaker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.NewWorkspace;

class FileStoreConcurrencyTest {

    private static final int THREADS = 8;
    private static final int VERSIONS = 200;

    @TempDir
    Path directory;

    @Test
    void versionsCreatedAtOnceGetDistinctNumbersAndAllReachTheFile() throws Exception {
        Path file = directory.resolve("store.json");
        SourceSpec source = SourceSpec.of("paasmaker.scm.directory", Map.of("location", "/src"));
        Application app;
        List<Integer> numbers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (FileStore store = FileStore.open(file)) {
            app = store.applications().findOrCreate(
                    store.workspaces().create(new NewWorkspace("One", "one")).id(), "hello", PluginParameters.empty());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApplicationVersion>> created = new ArrayList<>();
            for (int i = 0; i < VERSIONS; i++) {
                created.add(pool.submit(() -> {
                    start.await();
                    return store.versions().create(app.id(), source, "m", "t", Instant.EPOCH);
                }));
            }
            start.countDown();
            for (Future<ApplicationVersion> future : created) {
                numbers.add(future.get().number());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> expected = IntStream.rangeClosed(1, VERSIONS).boxed().toList();
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);

        try (FileStore reopened = FileStore.open(file)) {
            assertThat(reopened.versions().list(app.id())).extracting(ApplicationVersion::number)
                    .containsExactlyElementsOf(expected);
        }
    }
}
