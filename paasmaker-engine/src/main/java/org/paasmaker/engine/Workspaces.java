package org.paasmaker.engine;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;

/** The engine's workspace verbs. */
public final class Workspaces {

    private final Store store;

    Workspaces(Store store) {
        this.store = store;
    }

    public Workspace create(NewWorkspace request) {
        return store.workspaces().create(request);
    }

    public List<Workspace> list() {
        return store.workspaces().list();
    }

    public Workspace get(WorkspaceId id) {
        return store.workspaces().get(id);
    }

    /** By id (all digits) or stub, as the REST paths name workspaces. */
    public Workspace get(String idOrStub) {
        Optional<Workspace> found = idOrStub.matches("\\d{1,18}")
                ? store.workspaces().find(new WorkspaceId(Long.parseLong(idOrStub)))
                : store.workspaces().findByStub(idOrStub);
        return found.orElseThrow(() -> new NotFoundException("workspace", idOrStub));
    }

    public Workspace update(Workspace workspace) {
        return store.workspaces().update(workspace);
    }

    /** Deletes an empty workspace; one that still holds applications is a {@code CONFLICT}. */
    public void delete(WorkspaceId id) {
        Workspace workspace = get(id);
        int applications = store.applications().list(id).size();
        if (applications > 0) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "workspace '" + workspace.name() + "' still holds "
                    + applications + (applications == 1 ? " application" : " applications")
                    + "; delete them first");
        }
        store.workspaces().delete(id);
    }
}
