package org.paasmaker.api.rest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * The answer to a cookie sign-in ({@code POST /api/v1/session}): the user, the token that every
 * write authenticated by the cookie must send in the {@code X-Paasmaker-CSRF} header, and what the
 * user may do, so that the console can hide or disable what the server would refuse.
 *
 * @param permissions those held globally
 * @param workspaces those held in one workspace, keyed by the workspace's id
 */
public record SessionJson(UserJson user, String csrfToken, List<Permission> permissions,
        Map<String, List<Permission>> workspaces) {

    public static SessionJson of(UserJson user, String csrfToken, Authority authority) {
        Map<String, List<Permission>> workspaces = new TreeMap<>();
        for (Map.Entry<WorkspaceId, Set<Permission>> entry : authority.workspaces().entrySet()) {
            workspaces.put(Long.toString(entry.getKey().value()), entry.getValue().stream().sorted().toList());
        }
        return new SessionJson(user, csrfToken, authority.global().stream().sorted().toList(), workspaces);
    }
}
