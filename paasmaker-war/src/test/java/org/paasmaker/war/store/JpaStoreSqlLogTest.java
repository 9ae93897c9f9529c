package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;

/**
 * Services' credentials are stored as one column of their row. With EclipseLink's SQL log at its
 * finest, as an operator's Liberty trace ({@code eclipselink.sql=all}) turns it on, the statements are
 * logged but never the values bound to them, so no password reaches a trace file.
 */
class JpaStoreSqlLogTest {

    private static final String PASSWORD = "Zq8vJ3bN0tInAnyLog4uXy7w";

    @TempDir
    Path directory;

    @Test
    void theSqlLogShowsTheStatementsButNotTheCredentialsBoundToThem() throws IOException {
        Path log = directory.resolve("eclipselink.log");
        try (EmbeddedDerby derby = new EmbeddedDerby(directory)) {
            JpaStore store = new JpaStore(derby.openFactory(Map.of("eclipselink.logging.level", "ALL",
                    "eclipselink.logging.level.sql", "ALL", "eclipselink.logging.file", log.toString())));
            Workspace workspace = store.workspaces().create(NewWorkspace.of("Development", "dev", Map.of()));
            Application application = store.applications().findOrCreate(workspace.id(), "hello", PluginParameters.empty());
            store.services().create(application.id(), "db", "paasmaker.service.postgres", PluginParameters.empty(),
                    PluginParameters.of(Map.of("username", "hello_db", "password", PASSWORD)));

            assertThat(store.services().list(application.id()).get(0).credentials().string("password"))
                    .isEqualTo(PASSWORD);
        }

        String logged = Files.readString(log);
        assertThat(logged).as("the SQL log").containsIgnoringCase("INSERT INTO").doesNotContain(PASSWORD);
    }
}
