package org.paasmaker.engine;

import java.util.List;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.workspace.WorkspaceId;

/** The engine's application verbs. */
public final class Applications {

    private final Store store;

    Applications(Store store) {
        this.store = store;
    }

    public List<Application> list(WorkspaceId workspace) {
        store.workspaces().get(workspace);
        return store.applications().list(workspace);
    }

    public Application get(ApplicationId id) {
        return store.applications().get(id);
    }

    /** The application's services, with the credentials its instances receive. */
    public List<ApplicationService> services(ApplicationId id) {
        get(id);
        return store.services().list(id);
    }
}
