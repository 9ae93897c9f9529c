package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.WorkspaceId;

class TransactionsTest {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @AfterEach
    void shutDown() {
        derby.close();
    }

    /**
     * Two transactions lock two rows in opposite orders; Derby rolls one back as the deadlock's victim,
     * and that one runs again and commits. No store call locks two rows, but the retry is the same
     * for every rollback the database makes for contention.
     */
    @Test
    void theVictimOfADeadlockRunsAgainAndCommits() throws Exception {
        derby = new EmbeddedDerby(directory);
        derby.setDatabaseProperty("derby.locks.deadlockTimeout", "1");
        Transactions transactions = new Transactions(derby.openFactory());
        Store store = new JpaStore(derby.openFactory());
        long a = store.workspaces().create(new NewWorkspace("A", "a")).id().value();
        long b = store.workspaces().create(new NewWorkspace("B", "b")).id().value();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> renames = List.of(a, b).stream().map(first -> pool.submit(() ->
                    transactions.inTransaction("rename both", manager -> {
                        runs.incrementAndGet();
                        String name = "renamed first by " + first;
                        Rows.locked(manager, WorkspaceRow.class, first, "workspace").name = name;
                        bothHoldOne.countDown();
                        await(bothHoldOne);
                        Rows.locked(manager, WorkspaceRow.class, first == a ? b : a, "workspace").name = name;
                        return name;
                    }))).toList();

            String winner = renames.get(0).get(30, TimeUnit.SECONDS);
            String retried = renames.get(1).get(30, TimeUnit.SECONDS);

            assertThat(runs).hasValue(3);
            assertThat(List.of(winner, retried)).containsExactlyInAnyOrder("renamed first by " + a,
                    "renamed first by " + b);
            assertThat(store.workspaces().get(new WorkspaceId(a)).name())
                    .isEqualTo(store.workspaces().get(new WorkspaceId(b)).name());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("both transactions hold their first row").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
