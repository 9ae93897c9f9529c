package org.paasmaker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.routing.RouterCode;
import org.paasmaker.engine.routing.RouterProcess;
import org.paasmaker.engine.routing.RouterProcessSettings;
import org.paasmaker.engine.routing.TestRouterCode;
import org.paasmaker.engine.store.FileStore;

/**
 * The engine launches its router process while it opens its store (the WAR's store opens on its first
 * use: the database's boot and its migrations), and a router that cannot start still stops the engine
 * with the router's own error.
 */
class RouterBesideTheStoreTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final int routerPort = TestPorts.free();

    @AfterEach
    void stopTheRouter() {
        if (Files.exists(home().resolve("router").resolve("process"))) {
            RouterProcess.startOrAdopt(RouterProcessSettings.of(home().resolve("router"), routerPort)
                    .withCode(TestRouterCode.classPath())).stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void theRouterProcessIsLaunchedBeforeTheStoreIsFirstUsed() throws IOException {
        Path record = home().resolve("router").resolve("process");
        AtomicBoolean waited = new AtomicBoolean();
        try (FileStore files = FileStore.open(temp.resolve("store.json"),
                Files.createDirectories(temp.resolve("jobs")))) {
            // A store that opens only once the router has been launched: launched after it, the engine would wait forever.
            Store opening = opening(files, () -> {
                if (waited.compareAndSet(false, true)) {
                    await("the router's process record, before the store's first use").atMost(DEADLINE)
                            .until(() -> Files.isDirectory(record) && hasFiles(record));
                }
            });
            try (Paasmaker engine = engineWithItsRouter().store(opening).build()) {
                assertThat(waited).as("the store was used").isTrue();
                assertThat(engine.routes().port()).isEqualTo(routerPort);
            }
        }
    }

    @Test
    void aRouterThatCannotStartStopsTheEngineWithTheRoutersOwnError() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(routerPort));
            assertThatThrownBy(() -> engineWithItsRouter().build())
                    .isInstanceOf(PaasmakerException.class)
                    .hasMessageContaining(String.valueOf(routerPort));
        }
    }

    private Path home() {
        return temp.resolve("home");
    }

    /** An engine in the test's home with its router process on the test's port, run from the test's router code. */
    private Paasmaker.Builder engineWithItsRouter() {
        return Paasmaker.builder().home(home()).routerProcess(routerPort).settingsEnvironment(Map.of(
                RouterCode.CLASS_PATH_VARIABLE, TestRouterCode.CLASS_PATH,
                RouterProcessSettings.HTTPS_PORT_VARIABLE, String.valueOf(RouterProcessSettings.HTTPS_OFF)));
    }

    private static boolean hasFiles(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.findAny().isPresent();
        }
    }

    /** {@code store}, running {@code opening} before each use, as the WAR's store opens its database on the first. */
    private static Store opening(Store store, Runnable opening) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, arguments) -> {
                    opening.run();
                    try {
                        return method.invoke(store, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
