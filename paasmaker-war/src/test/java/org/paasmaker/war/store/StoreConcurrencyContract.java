package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;

/**
 * Many threads on one store at once, as the engine's jobs call it: nothing is lost, nothing mixes. On
 * each database the store runs on, whose locks and rollbacks for contention differ.
 */
abstract class StoreConcurrencyContract {

    private static final int THREADS = 8;
    private static final SourceSpec SOURCE = SourceSpec.of("paasmaker.scm.directory", Map.of("location", "/src"));

    private Store store;
    private ExecutorService pool;

    /** A store on a fresh database the first time, on the same database after {@link #closeStores()}. */
    protected abstract Store openStore();

    /** Closes every store opened so far, as a server's stop would. */
    protected abstract void closeStores();

    @BeforeEach
    void open() {
        store = openStore();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        closeStores();
    }

    @Test
    void versionsCreatedAtOnceGetDistinctNumbersThatSurviveARestart() throws Exception {
        Application app = store.applications().findOrCreate(
                store.workspaces().create(new NewWorkspace("One", "one")).id(), "hello", PluginParameters.empty());

        List<ApplicationVersion> created = allAtOnce(200,
                i -> () -> store.versions().create(app.id(), SOURCE, "m", "t", Instant.EPOCH));

        List<Integer> expected = IntStream.rangeClosed(1, 200).boxed().toList();
        assertThat(created).extracting(ApplicationVersion::number).containsExactlyInAnyOrderElementsOf(expected);
        closeStores();
        assertThat(openStore().versions().list(app.id())).extracting(ApplicationVersion::number)
                .containsExactlyElementsOf(expected);
    }

    /**
     * Writer {@code w} stores name {@code nw}, stub {@code s(w mod 2)} and tag {@code writer=w}, then reads
     * the record back. An update that wrote only the columns it saw change, over a row another writer
     * changed meanwhile, would leave one writer's name beside another's stub; the row lock makes each
     * update whole, so every record read is one writer's.
     */
    @Test
    void concurrentUpdatesOfOneRecordNeverMix() throws Exception {
        Workspace workspace = store.workspaces().create(NewWorkspace.of("n0", "s0", Map.of("writer", 0L)));

        List<Workspace> seen = allAtOnce(THREADS * 25, i -> () -> {
            long writer = i % THREADS;
            store.workspaces().update(new Workspace(workspace.id(), "n" + writer, "s" + writer % 2,
                    PluginParameters.of(Map.of("writer", writer))));
            return store.workspaces().get(workspace.id());
        });

        assertThat(seen).allSatisfy(read -> {
            long writer = (Long) read.tagMap().get("writer");
            assertThat(read.name()).isEqualTo("n" + writer);
            assertThat(read.stub()).isEqualTo("s" + writer % 2);
        });
    }

    @Test
    void aStubAskedForAtOnceGoesToOneWorkspace() throws Exception {
        List<Object> outcomes = allAtOnce(THREADS, i -> () -> {
            try {
                return store.workspaces().create(new NewWorkspace("Workspace " + i, "same"));
            } catch (PaasmakerException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(Workspace.class::isInstance).hasSize(1);
        Workspace winner = (Workspace) outcomes.stream().filter(Workspace.class::isInstance).findFirst().orElseThrow();
        assertThat(outcomes).filteredOn(PaasmakerException.class::isInstance).hasSize(THREADS - 1)
                .allSatisfy(e -> {
                    assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(((PaasmakerException) e).getMessage()).isEqualTo("the workspace stub 'same' is taken by"
                            + " workspace '" + winner.name() + "'; choose another stub");
                });
        assertThat(store.workspaces().list()).containsExactly(winner);
    }

    @Test
    void anApplicationFoundOrCreatedAtOnceIsCreatedOnce() throws Exception {
        Workspace workspace = store.workspaces().create(new NewWorkspace("One", "one"));

        List<Application> found = allAtOnce(THREADS,
                i -> () -> store.applications().findOrCreate(workspace.id(), "hello", PluginParameters.empty()));

        assertThat(found).containsOnly(found.get(0));
        assertThat(store.applications().list(workspace.id())).containsExactly(found.get(0));
    }

    /** Runs the tasks on the pool, released together, and returns their results in task order. */
    private <T> List<T> allAtOnce(int count, Task<T> task) throws InterruptedException, ExecutionException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Callable<T> work = task.make(i);
            futures.add(pool.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    @FunctionalInterface
    private interface Task<T> {
        Callable<T> make(int index);
    }
}
