package org.paasmaker.api.rest;

import java.util.Map;
import org.paasmaker.api.workspace.NewWorkspace;

/** The body of a workspace's create or update: {@code {"name", "stub", "tags"}}; tags may be left out. */
public record WorkspaceRequest(String name, String stub, Map<String, Object> tags) {

    /** Checked by the api's own rules: a name, and a stub that can be part of a hostname. */
    public NewWorkspace toNewWorkspace() {
        return NewWorkspace.of(name, stub, tags == null ? Map.of() : tags);
    }
}
