package org.paasmaker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.NewWorkspace;

/** Two writers changing one record through {@link StoredRecords}: each change lands on what the other wrote. */
class StoredRecordsTest {

    private final Store store = new InMemoryStore();
    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private ApplicationVersion version;
    private Instance instance;

    @BeforeEach
    void createRecords() {
        Application app = store.applications().findOrCreate(
                store.workspaces().create(new NewWorkspace("One", "one")).id(), "hello", PluginParameters.empty());
        version = store.versions().create(app.id(), SourceSpec.of("paasmaker.scm.directory", Map.of("location", "/s")),
                "m", "t", Instant.EPOCH);
        instance = store.instances().create(Instance.allocated(version.id(), "web", "local", Instant.EPOCH));
    }

    @AfterEach
    void stopWriters() throws InterruptedException {
        writers.shutdownNow();
        assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aChangeWhoseRecordAnotherWriterChangedMeanwhileIsAppliedAgainToTheirs() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        AtomicInteger portCalls = new AtomicInteger();
        // The port writer reads, then waits while the state writer changes the instance and stores it.
        Future<Instance> portWriter = writers.submit(() -> StoredRecords.change(store, instance.id(), read -> {
            if (portCalls.incrementAndGet() == 1) {
                firstRead.countDown();
                awaitQuietly(stateWritten(firstRead));
            }
            return read.withPort(42600);
        }));

        Instance changed = portWriter.get(10, TimeUnit.SECONDS);

        assertThat(portCalls).hasValue(2);
        assertThat(changed.port()).hasValue(42600);
        assertThat(changed.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(changed.reason()).isEqualTo("stopped by the other writer");
        assertThat(store.instances().get(instance.id())).isEqualTo(changed);
        assertThat(changed.revision()).isEqualTo(instance.revision() + 2);
    }

    @Test
    void twoWritersRacingOnOneInstanceLoseNoChange() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            counts.add(writers.submit(() -> {
                start.await();
                int landed = 0;
                for (int change = 0; change < 500; change++) {
                    try {
                        StoredRecords.change(store, instance.id(), read -> read.restarting("restarted"));
                        landed++;
                    } catch (PaasmakerException e) {
                        // Lost the race ATTEMPTS times running: the CONFLICT went up and nothing was written.
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    }
                }
                return landed;
            }));
        }
        start.countDown();
        int landed = counts.get(0).get(30, TimeUnit.SECONDS) + counts.get(1).get(30, TimeUnit.SECONDS);

        Instance stored = store.instances().get(instance.id());
        assertThat(landed).isPositive();
        assertThat(stored.restarts()).isEqualTo(landed);
        assertThat(stored.revision()).isEqualTo(instance.revision() + landed);
    }

    @Test
    void aVersionChangeIsAppliedAgainOverAnotherWritersChange() {
        AtomicInteger calls = new AtomicInteger();
        ApplicationVersion changed = StoredRecords.change(store, version.id(), read -> {
            if (calls.incrementAndGet() == 1) {
                store.versions().update(store.versions().get(version.id()).withPackage("ab".repeat(32))
                        .withState(VersionState.PREPARED));
            }
            return read.withKept(true);
        });

        assertThat(calls).hasValue(2);
        assertThat(changed.kept()).isTrue();
        assertThat(changed.state()).isEqualTo(VersionState.PREPARED);
        assertThat(changed.packageChecksum()).contains("ab".repeat(32));
        assertThat(store.versions().get(version.id())).isEqualTo(changed);
    }

    @Test
    void aChangeThatNoLongerAppliesWritesNothing() {
        Instance stopped = store.instances().update(instance.withState(InstanceState.STOPPED, "stopped"));

        Instance result = StoredRecords.change(store, instance.id(),
                read -> read.state() == InstanceState.RUNNING ? read.withState(InstanceState.ERROR, "failed") : read);

        assertThat(result).isEqualTo(stopped);
        assertThat(store.instances().get(instance.id()).revision()).isEqualTo(stopped.revision());
    }

    @Test
    void aRecordThatKeepsChangingUnderTheChangeEndsInTheConflict() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> StoredRecords.change(store, instance.id(), read -> {
            calls.incrementAndGet();
            store.instances().update(store.instances().get(instance.id()).restarting("another writer"));
            return read.withPort(42600);
        })).isInstanceOfSatisfying(PaasmakerException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.getMessage()).startsWith("instance " + instance.id() + " changed since it was read");
        });
        assertThat(calls).hasValue(StoredRecords.ATTEMPTS);
        assertThat(store.instances().get(instance.id()).port()).isEmpty();
    }

    /** A latch counted down once the other writer stopped the instance, after the port writer's first read. */
    private CountDownLatch stateWritten(CountDownLatch firstRead) {
        CountDownLatch written = new CountDownLatch(1);
        writers.submit(() -> {
            firstRead.await();
            StoredRecords.change(store, instance.id(),
                    read -> read.withState(InstanceState.STOPPED, "stopped by the other writer"));
            written.countDown();
            return null;
        });
        return written;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
