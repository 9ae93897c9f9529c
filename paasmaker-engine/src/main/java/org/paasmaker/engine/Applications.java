package org.paasmaker.engine;

import java.util.List;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.instance.InstanceManager;
import org.paasmaker.api.workspace.WorkspaceId;

/** The engine's application verbs. */
public final class Applications {

    private final Store store;
    private final InstanceManager instances;

    Applications(Store store, InstanceManager instances) {
        this.store = store;
        this.instances = instances;
    }

    /**
     * Deletes the application's versions, their instances and packages; returns the job at once. With
     * {@code withServices}, its services' resources and the application go too; without, the
     * application stays, empty, with its services and their data, for a later version of the same name.
     */
    public JobId delete(ApplicationId id, boolean withServices) {
        return instances.deleteApplication(id, withServices);
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
