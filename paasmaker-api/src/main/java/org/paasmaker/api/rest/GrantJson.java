package org.paasmaker.api.rest;

import org.paasmaker.api.access.Grant;
import org.paasmaker.api.workspace.WorkspaceId;

/** A grant on the wire; {@code workspaceId} is null for a grant in every workspace. */
public record GrantJson(long userId, String role, Long workspaceId) {

    public static GrantJson of(Grant grant) {
        return new GrantJson(grant.user().value(), grant.role(), grant.workspace().map(WorkspaceId::value).orElse(null));
    }
}
