package org.paasmaker.engine.job;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobView;

/** What only a root has: the abort flag, what to do on abort, and its completion. */
final class RootControl {
    volatile boolean aborted;
    /** Why the engine ended the tree when it stopped; null for a user's abort. */
    volatile PaasmakerException stopReason;
    volatile boolean submitted;
    volatile Thread thread;
    private final List<Runnable> abortHooks = new CopyOnWriteArrayList<>();
    final CompletableFuture<JobView> done = new CompletableFuture<>();

    /**
     * Aborts the tree unless it has finished: the hooks run and the root's thread is interrupted.
     *
     * @param because why the engine ends the tree, or null for a user's abort
     * @param log writes a line to the root's log
     */
    boolean abort(PaasmakerException because, Consumer<String> log) {
        if (done.isDone()) {
            return false;
        }
        if (because != null && stopReason == null) {
            stopReason = because;
        }
        aborted = true;
        log.accept(because == null ? "Abort requested." : because.getMessage());
        abortHooks.forEach(Runnable::run);
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        return true;
    }

    /** What the tree's jobs fail with once it is aborted. */
    PaasmakerException abortedError() {
        PaasmakerException stopped = stopReason;
        return stopped != null ? stopped : new PaasmakerException(ErrorCode.ABORTED, "the job was aborted");
    }

    JobStepContext.AbortRegistration onAbort(Runnable hook) {
        abortHooks.add(hook);
        if (aborted) {
            hook.run();
        }
        return () -> abortHooks.remove(hook);
    }
}
