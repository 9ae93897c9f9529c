package org.paasmaker.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.paasmaker.api.routing.AccessLogLimit;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.engine.internal.DaemonThreads;
import org.paasmaker.engine.routing.RouterCode;
import org.paasmaker.engine.routing.RouterProcess;
import org.paasmaker.engine.routing.RouterProcessSettings;

/**
 * The router the builder asked for: the one it was given, or the router process, started or
 * adopted (it outlives this engine on purpose, as the instances do). The process is started on a
 * thread of its own, so that its second of start overlaps the engine's other work.
 */
final class RouterStart {

    private final CompletableFuture<Optional<RouterControl>> start;

    private RouterStart(CompletableFuture<Optional<RouterControl>> start) {
        this.start = start;
    }

    /**
     * Starts or adopts the router process on a thread of its own; done at once when there is none to start.
     *
     * @param stateDirectory the router process's state directory
     */
    static RouterStart begin(Paasmaker.Builder builder, Path stateDirectory, Consumer<String> warnings) {
        if (builder.router != null || builder.routerPort < 0) {
            return new RouterStart(CompletableFuture.completedFuture(router(builder, stateDirectory, warnings)));
        }
        CompletableFuture<Optional<RouterControl>> start = new CompletableFuture<>();
        DaemonThreads.named("paasmaker-router-start-").newThread(() -> {
            try {
                start.complete(router(builder, stateDirectory, warnings));
            } catch (RuntimeException | Error e) {
                start.completeExceptionally(e);
            }
        }).start();
        return new RouterStart(start);
    }

    /** The router once started, or what stopped its start, as the start threw it. */
    Optional<RouterControl> router() {
        try {
            return start.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Waits for the start to end, however it ends. */
    void settle() {
        start.handle((router, failure) -> router).join();
    }

    private static Optional<RouterControl> router(Paasmaker.Builder builder, Path stateDirectory,
            Consumer<String> warnings) {
        if (builder.router != null) {
            return Optional.of(builder.router);
        }
        if (builder.routerPort < 0) {
            return Optional.empty();
        }
        return Optional.of(RouterProcess.startOrAdopt(new RouterProcessSettings(stateDirectory, builder.routerPort,
                AccessLogLimit.from(builder.settingsEnvironment).arguments(), RouterProcessSettings.jvmOptions(builder.settingsEnvironment), Duration.ofSeconds(30), warnings,
                RouterCode.from(builder.settingsEnvironment))
                .withHttpsPort(RouterProcessSettings.httpsPort(builder.settingsEnvironment))));
    }
}
