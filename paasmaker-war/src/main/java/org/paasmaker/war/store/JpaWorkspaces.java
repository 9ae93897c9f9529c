package org.paasmaker.war.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.store.WorkspaceRepository;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;

/** Workspaces in {@code PM_WORKSPACE}; a stub is checked before it is written, and the unique key catches races. */
final class JpaWorkspaces implements WorkspaceRepository {

    private final Transactions transactions;

    JpaWorkspaces(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Workspace create(NewWorkspace request) {
        try {
            return transactions.inTransaction("create the workspace '" + request.stub() + "'", manager -> {
                requireFreeStub(manager, request.stub(), 0);
                WorkspaceRow row = new WorkspaceRow(request);
                manager.persist(row);
                manager.flush();
                return row.toRecord();
            });
        } catch (DuplicateKeyException e) {
            throw stubTaken(request.stub(), 0, e);
        }
    }

    @Override
    public Optional<Workspace> find(WorkspaceId id) {
        return transactions.inTransaction("read workspace " + id,
                manager -> Optional.ofNullable(manager.find(WorkspaceRow.class, id.value())).map(WorkspaceRow::toRecord));
    }

    @Override
    public Optional<Workspace> findByStub(String stub) {
        return transactions.inTransaction("read the workspace '" + stub + "'",
                manager -> byStub(manager, stub).map(WorkspaceRow::toRecord));
    }

    @Override
    public List<Workspace> list() {
        return transactions.inTransaction("list the workspaces", manager -> manager
                .createQuery("SELECT w FROM WorkspaceRow w ORDER BY w.id", WorkspaceRow.class)
                .getResultStream().map(WorkspaceRow::toRecord).toList());
    }

    @Override
    public Workspace update(Workspace workspace) {
        try {
            return transactions.inTransaction("update workspace " + workspace.id(), manager -> {
                WorkspaceRow row = Rows.locked(manager, WorkspaceRow.class, workspace.id().value(), "workspace");
                requireFreeStub(manager, workspace.stub(), workspace.id().value());
                row.copy(workspace);
                return workspace;
            });
        } catch (DuplicateKeyException e) {
            throw stubTaken(workspace.stub(), workspace.id().value(), e);
        }
    }

    @Override
    public void delete(WorkspaceId id) {
        transactions.inTransaction("delete workspace " + id, manager -> {
            Rows.delete(manager, "DELETE FROM WorkspaceRow w WHERE w.id = :key", id.value(), "workspace");
            return null;
        });
    }

    private static Optional<WorkspaceRow> byStub(EntityManager manager, String stub) {
        return Rows.first(manager.createQuery("SELECT w FROM WorkspaceRow w WHERE w.stub = :stub", WorkspaceRow.class)
                .setParameter("stub", stub));
    }

    private static void requireFreeStub(EntityManager manager, String stub, long owner) {
        byStub(manager, stub).filter(w -> w.id != owner).ifPresent(w -> {
            throw taken(stub, w.name, null);
        });
    }

    /** The error for a stub that another caller took between our check and our write. */
    private PaasmakerException stubTaken(String stub, long owner, DuplicateKeyException race) {
        return findByStub(stub).filter(w -> w.id().value() != owner)
                .map(w -> taken(stub, w.name(), race))
                .orElse(race);
    }

    private static PaasmakerException taken(String stub, String holder, Throwable cause) {
        return new PaasmakerException(ErrorCode.CONFLICT, "the workspace stub '" + stub
                + "' is taken by workspace '" + holder + "'; choose another stub", cause);
    }
}
