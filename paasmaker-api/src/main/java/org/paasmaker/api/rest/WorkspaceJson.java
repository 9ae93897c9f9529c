package org.paasmaker.api.rest;

import java.util.Map;
import org.paasmaker.api.workspace.Workspace;

/** A workspace on the wire. Public, as JSON-B requires of what it writes. */
public record WorkspaceJson(long id, String name, String stub, Map<String, Object> tags) {

    public static WorkspaceJson of(Workspace workspace) {
        return new WorkspaceJson(workspace.id().value(), workspace.name(), workspace.stub(), workspace.tagMap());
    }
}
