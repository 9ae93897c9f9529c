package org.paasmaker.engine.service.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.process.ProcessIdentity;

/**
 * What a database plugin's managed server does whichever database it runs: it refuses an operator's
 * setting the platform sets itself, the next engine adopts it, the upkeep starts it again after a kill
 * with its data, and a server that cannot start or has no directory fails naming why and leaves nothing.
 * A {@link PluginPerClass} test of the plugin on its managed server implements it (the way a store passes
 * {@code StoreContract}), giving what differs.
 */
public interface ManagedServerContract {

    /**
     * What differs between the managed servers in these tests.
     *
     * @param folder the server's folder in {@code services/}, and its operator's file {@code <folder>.conf}
     * @param serverName the server's name in messages ({@code MariaDB})
     * @param bindFailure a line the server logs when its port is taken
     * @param refusedSettings an operator's file whose second line sets {@code refusedKey}, which the
     *     platform sets itself
     * @param refusedKey that setting, as the file spells it
     */
    record Kind(String folder, String serverName, String bindFailure, String refusedSettings, String refusedKey) {
    }

    /** What differs for this server. */
    Kind managedKind();

    /** The managed server of the class's plugin. */
    ManagedServer managed();

    /** The class's plugin. */
    ServerServiceProvider<?> provider();

    /** The home the class's plugin runs in. */
    Path home();

    /** The plugin's settings for a managed server in that home. */
    Map<String, String> settings(Path home) throws Exception;

    /** A new plugin of the class's kind, not initialised. */
    ServerServiceProvider<?> newPlugin();

    /** A service made for the test on the class's plugin, removed after it. */
    PluginParameters provision(String application, String serviceName);

    /** A connection to a database of the server as the service's user. */
    Connection open(PluginParameters credentials, String database) throws SQLException;

    @Test
    default void anOperatorsSettingThePlatformReachesTheServerByIsRefusedNamingItsLineAndTheServerKeepsItsData()
            throws Exception {
        PluginParameters mine = provision("kept", "db");
        Path operators = home().resolve("services").resolve(managedKind().folder() + ".conf");
        try {
            Files.writeString(operators, managedKind().refusedSettings());
            managed().stop(Duration.ofSeconds(10));

            assertThatThrownBy(() -> managed().ensureRunning())
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                    .hasMessageContaining(operators + ", line 2, sets '" + managedKind().refusedKey()
                            + "', which the platform sets itself for the managed " + managedKind().serverName()
                            + " server");
        } finally {
            Files.deleteIfExists(operators);
        }
        managed().ensureRunning();
        open(mine, mine.string("database")).close();
    }

    @Test
    default void theNextEngineAdoptsTheRunningServerInsteadOfStartingAnother() throws Exception {
        PluginParameters credentials = provision("adopted", "db");
        ProcessIdentity running = managed().process().orElseThrow();

        ServerServiceProvider<?> next = initialised(settings(home()), home());
        try {
            assertThat(((ManagedServer) next.server()).process()).contains(running);
            PluginParameters again = next.create(null).provision(ServicesMade.request("adopted", "db"),
                    Optional.of(credentials));
            assertThat(again).isEqualTo(credentials);
            assertThat(((ManagedServer) next.server()).process()).contains(running);
        } finally {
            next.close();
        }
    }

    @Test
    default void aKilledServerIsStartedAgainByTheUpkeepWithItsData() throws Exception {
        PluginParameters credentials = provision("survivor", "db");
        try (Connection connection = open(credentials, credentials.string("database"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v text)");
            statement.execute("INSERT INTO t VALUES ('kept')");
        }
        ProcessIdentity killed = managed().process().orElseThrow();

        RunAs.run(List.of("/bin/kill", "-KILL", Long.toString(killed.pid())));
        await().atMost(Duration.ofSeconds(10)).until(() -> !killed.isAlive());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            provider().maintain();
            assertThat(managed().process()).isPresent().isNotEqualTo(Optional.of(killed));
        });

        try (Connection connection = open(credentials, credentials.string("database"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT v FROM t")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    default void aServerWhosePortIsTakenFailsWithItsOwnLogLinesAndLeavesNothingBehind() throws IOException {
        Path otherHome = Files.createTempDirectory("paasmaker-" + managedKind().folder() + "-taken-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerServiceProvider<?> blocked = initialised(Map.of("port", Integer.toString(taken.getLocalPort())),
                    otherHome);
            try {
                assertThatThrownBy(() -> blocked.create(null).provision(ServicesMade.request("blocked", "db"),
                        Optional.empty()))
                        .isInstanceOfSatisfying(PaasmakerException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                        .hasMessageContaining("exited before it accepted connections on 127.0.0.1:" + taken.getLocalPort())
                        .hasMessageContaining(managedKind().bindFailure());
                assertThat(otherHome.resolve("services").resolve(managedKind().folder())).doesNotExist();
                blocked.maintain();
                assertThat(otherHome.resolve("services").resolve(managedKind().folder())).as("nothing to restart")
                        .doesNotExist();
            } finally {
                blocked.close();
            }
        } finally {
            Directories.deleteTree(otherHome);
        }
    }

    @Test
    default void aDirectoryThatCannotBeMadeFailsNamingIt() {
        String directory = "/proc/paasmaker-" + managedKind().folder();
        ServerServiceProvider<?> unwritable = initialised(Map.of("port", "0", "directory", directory), home());
        try {
            assertThatThrownBy(() -> unwritable.create(null).provision(ServicesMade.request("nowhere", "db"),
                    Optional.empty()))
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                    .hasMessageContaining("cannot make the managed " + managedKind().serverName()
                            + " server's directory " + directory);
        } finally {
            unwritable.close();
        }
    }

    private ServerServiceProvider<?> initialised(Map<String, String> settings, Path home) {
        ServerServiceProvider<?> plugin = newPlugin();
        plugin.init(PluginSettings.of(plugin.descriptor().name(), plugin.settings(), settings, home));
        return plugin;
    }
}
