package org.paasmaker.api.store;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;

/** Workspaces; stubs are unique. */
public interface WorkspaceRepository {

    /** A new workspace; a {@code CONFLICT} error when its stub is taken. */
    Workspace create(NewWorkspace request);

    Optional<Workspace> find(WorkspaceId id);

    Optional<Workspace> findByStub(String stub);

    default Workspace get(WorkspaceId id) {
        return find(id).orElseThrow(() -> new NotFoundException("workspace", id));
    }

    /** Every workspace, by id. */
    List<Workspace> list();

    /** Stores the new name, stub and tags; a {@code CONFLICT} error when the stub is another's. */
    Workspace update(Workspace workspace);

    void delete(WorkspaceId id);
}
