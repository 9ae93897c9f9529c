package org.paasmaker.war.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.workspace.WorkspaceId;

/** Applications in {@code PM_APPLICATION}; the name is unique per workspace. */
final class JpaApplications implements ApplicationRepository {

    private final Transactions transactions;

    JpaApplications(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Application findOrCreate(WorkspaceId workspace, String name, PluginParameters tags) {
        try {
            return transactions.inTransaction("create the application '" + name + "' in workspace " + workspace,
                    manager -> {
                        if (manager.find(WorkspaceRow.class, workspace.value()) == null) {
                            throw new NotFoundException("workspace", workspace);
                        }
                        return byName(manager, workspace, name).orElseGet(() -> {
                            ApplicationRow row = new ApplicationRow(workspace, name, tags);
                            manager.persist(row);
                            manager.flush();
                            return row;
                        }).toRecord();
                    });
        } catch (DuplicateKeyException e) {
            // Another caller created it between our look and our insert: theirs is the one to find.
            return findByName(workspace, name).orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<Application> find(ApplicationId id) {
        return transactions.inTransaction("read application " + id, manager ->
                Optional.ofNullable(manager.find(ApplicationRow.class, id.value())).map(ApplicationRow::toRecord));
    }

    @Override
    public Optional<Application> findByName(WorkspaceId workspace, String name) {
        return transactions.inTransaction("read the application '" + name + "' of workspace " + workspace,
                manager -> byName(manager, workspace, name).map(ApplicationRow::toRecord));
    }

    @Override
    public List<Application> list(WorkspaceId workspace) {
        return transactions.inTransaction("list the applications of workspace " + workspace, manager -> manager
                .createQuery("SELECT a FROM ApplicationRow a WHERE a.workspaceId = :workspace ORDER BY a.id",
                        ApplicationRow.class)
                .setParameter("workspace", workspace.value())
                .getResultStream().map(ApplicationRow::toRecord).toList());
    }

    @Override
    public List<Application> all() {
        return transactions.inTransaction("list every application", manager -> manager
                .createQuery("SELECT a FROM ApplicationRow a ORDER BY a.id", ApplicationRow.class)
                .getResultStream().map(ApplicationRow::toRecord).toList());
    }

    @Override
    public Application update(Application application) {
        try {
            return transactions.inTransaction("update application " + application.id(), manager -> {
                Rows.locked(manager, ApplicationRow.class, application.id().value(), "application").copy(application);
                return application;
            });
        } catch (DuplicateKeyException e) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "workspace " + application.workspaceId()
                    + " already has an application named '" + application.name() + "'; choose another name", e);
        }
    }

    @Override
    public void delete(ApplicationId id) {
        transactions.inTransaction("delete application " + id, manager -> {
            Rows.delete(manager, "DELETE FROM ApplicationRow a WHERE a.id = :key", id.value(), "application");
            return null;
        });
    }

    private static Optional<ApplicationRow> byName(EntityManager manager, WorkspaceId workspace, String name) {
        return Rows.first(manager.createQuery(
                        "SELECT a FROM ApplicationRow a WHERE a.workspaceId = :workspace AND a.name = :name",
                        ApplicationRow.class)
                .setParameter("workspace", workspace.value())
                .setParameter("name", name));
    }
}
