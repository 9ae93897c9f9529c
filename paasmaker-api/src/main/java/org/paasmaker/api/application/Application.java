package org.paasmaker.api.application;

import java.util.Objects;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * A named collection of versions within a workspace; the name is unique per workspace.
 *
 * @param tags the {@code application.tags} of the newest version's manifest
 */
public record Application(ApplicationId id, WorkspaceId workspaceId, String name, PluginParameters tags) {

    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tags, "tags");
    }

    public Application withTags(PluginParameters newTags) {
        return new Application(id, workspaceId, name, newTags);
    }
}
