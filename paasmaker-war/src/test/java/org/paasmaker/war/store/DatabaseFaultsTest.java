package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 18's faults at the store's level (the server's shared test Liberty runs on Derby, so these
 * take the code the server runs, not the server): a PostgreSQL unreachable at start, and one lost
 * while running and back again, through a relay the test cuts.
 */
@ExtendWith(SharedPostgres.class)
class DatabaseFaultsTest {

    @Test
    void aDatabaseUnreachableAtStartIsNamedWithItsUserButNotItsPassword() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        String url = "jdbc:postgresql://127.0.0.1:" + nothingListens + "/paasmaker";
        dataSource.setURL(url);
        dataSource.setUser("platform");
        dataSource.setPassword("s3cret-password");

        assertThatThrownBy(() -> SchemaMigrations.migrate(dataSource, url + " (user platform)"))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageStartingWith("the platform's database at " + url + " (user platform) is unreachable: ")
                .hasMessageContaining("Connection to 127.0.0.1:" + nothingListens + " refused")
                .hasMessageNotContaining("s3cret-password");
    }

    @Test
    void aDatabaseLostWhileRunningIsUnavailableAndTheStoreCarriesOnWhenItIsBack() throws Exception {
        PostgresDatabase direct = SharedPostgres.newDatabase();
        URI server = URI.create(direct.url().substring("jdbc:".length()));
        try (TcpCut relay = new TcpCut(server.getHost(), server.getPort());
                PostgresDatabase database = new PostgresDatabase("jdbc:postgresql://127.0.0.1:" + relay.port()
                        + server.getPath(), direct.user(), direct.password())) {
            JpaStore store = database.openStore();
            Workspace prod = store.workspaces().create(NewWorkspace.of("Production", "prod", Map.of()));

            relay.cut();
            // A connection the store had opened as the cut came may still answer once; then none does.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    store.workspaces().list();
                    return false;
                } catch (PaasmakerException e) {
                    return true;
                }
            });
            assertThatThrownBy(() -> store.workspaces().list())
                    .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                    .hasMessageStartingWith("the platform's database at jdbc:postgresql://127.0.0.1:" + relay.port()
                            + server.getPath() + " (user " + direct.user() + ") is unreachable: ")
                    .hasMessageNotContaining(direct.password());
            assertThatThrownBy(() -> store.workspaces().create(NewWorkspace.of("Staging", "staging", Map.of())))
                    .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));

            relay.restore();
            assertThat(store.workspaces().list()).containsExactly(prod);
            assertThat(store.workspaces().create(NewWorkspace.of("Staging", "staging", Map.of())).stub()).isEqualTo("staging");
        }
    }
}
