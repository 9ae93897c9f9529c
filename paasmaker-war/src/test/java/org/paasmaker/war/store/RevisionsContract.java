package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;

/**
 * Rows carry a revision (V2__revisions, JPA {@code @Version}): every update counts it up, and a write
 * made from a row read before another transaction changed it fails as a conflict instead of
 * overwriting that change. On each database the store runs on.
 */
abstract class RevisionsContract {

    private EntityManagerFactory factory;
    private JpaStore store;
    private Workspace prod;

    /** The store's persistence unit on a fresh database, its schema migrated. */
    protected abstract EntityManagerFactory openFactory();

    @BeforeEach
    void createWorkspace() {
        factory = openFactory();
        store = new JpaStore(factory);
        prod = store.workspaces().create(NewWorkspace.of("Production", "prod", Map.of()));
    }

    @Test
    void eachUpdateCountsTheRevisionUp() {
        long before = revision();

        store.workspaces().update(new Workspace(prod.id(), "Prod", "prod", PluginParameters.empty()));
        store.workspaces().update(new Workspace(prod.id(), "Production", "prod", PluginParameters.empty()));

        assertThat(revision()).isEqualTo(before + 2);
    }

    @Test
    void aWriteOverAStaleRevisionFailsAsAConflictAndKeepsTheOtherChange() {
        Transactions transactions = new Transactions(factory);

        assertThatThrownBy(() -> transactions.inTransaction("rename workspace prod", manager -> {
            WorkspaceRow stale = manager.find(WorkspaceRow.class, prod.id().value());
            store.workspaces().update(new Workspace(prod.id(), "Renamed meanwhile", "prod", PluginParameters.empty()));
            stale.copy(new Workspace(prod.id(), "Stale rename", "prod", PluginParameters.empty()));
            return null;
        })).isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("could not rename workspace prod: the record changed since it was read; read it again and"
                        + " repeat the change");

        assertThat(store.workspaces().get(prod.id()).name()).isEqualTo("Renamed meanwhile");
    }

    private long revision() {
        return new Transactions(factory).inTransaction("read the revision",
                manager -> manager.find(WorkspaceRow.class, prod.id().value()).revision);
    }
}
