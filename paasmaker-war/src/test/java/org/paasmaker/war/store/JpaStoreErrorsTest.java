package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.util.Map;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.WorkspaceId;

/** Database failures reach the caller as the exception family, with a code and a message to act on. */
class JpaStoreErrorsTest {

    @TempDir
    Path directory;

    @Test
    void aValueLongerThanItsColumnIsAnInvalidRequest() {
        try (EmbeddedDerby derby = new EmbeddedDerby(directory)) {
            Store store = derby.openStore();
            assertThatThrownBy(() -> store.workspaces().create(new NewWorkspace("n".repeat(1001), "long")))
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageStartingWith("could not create the workspace 'long': a value is longer than the"
                            + " database keeps")
                    .hasMessageEndingWith("; shorten it");
            assertThat(store.workspaces().list()).isEmpty();
        }
    }

    @Test
    void renamingAnApplicationToATakenNameIsAConflict() {
        try (EmbeddedDerby derby = new EmbeddedDerby(directory)) {
            Store store = derby.openStore();
            WorkspaceId workspace = store.workspaces().create(new NewWorkspace("One", "one")).id();
            store.applications().findOrCreate(workspace, "hello", PluginParameters.empty());
            Application other = store.applications().findOrCreate(workspace, "other", PluginParameters.empty());

            assertThatThrownBy(() -> store.applications().update(
                    new Application(other.id(), workspace, "hello", PluginParameters.empty())))
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                    .hasMessage("workspace " + workspace + " already has an application named 'hello';"
                            + " choose another name");
            assertThat(store.applications().get(other.id())).isEqualTo(other);
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAnInternalErrorThatSaysWhereToLook() {
        EmbeddedDataSource missing = new EmbeddedDataSource();
        missing.setDatabaseName(directory.resolve("never-created").toString());
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(JpaStore.PERSISTENCE_UNIT,
                Map.of("jakarta.persistence.nonJtaDataSource", missing));
        try {
            assertThatThrownBy(() -> new JpaStore(factory).workspaces().list())
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                    .hasMessageContaining("could not list the workspaces in the database")
                    .hasMessageContaining("never-created")
                    .hasMessageContaining("data source jdbc/paasmaker");
        } finally {
            factory.close();
        }
    }
}
