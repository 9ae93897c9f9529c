package org.paasmaker.api.store;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.workspace.WorkspaceId;

/** Applications; names are unique per workspace. */
public interface ApplicationRepository {

    /** The workspace's application of that name, created (with the tags) if there is none yet. */
    Application findOrCreate(WorkspaceId workspace, String name, PluginParameters tags);

    Optional<Application> find(ApplicationId id);

    Optional<Application> findByName(WorkspaceId workspace, String name);

    default Application get(ApplicationId id) {
        return find(id).orElseThrow(() -> new NotFoundException("application", id));
    }

    /** The workspace's applications, by id. */
    List<Application> list(WorkspaceId workspace);

    /**
     * Every workspace's applications, by id: what the routes are computed from, in one question
     * rather than one per workspace.
     */
    List<Application> all();

    Application update(Application application);

    void delete(ApplicationId id);
}
