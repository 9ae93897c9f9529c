package org.paasmaker.api.access;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * What an actor may do: the permissions of its global grants, and those of its grants in each
 * workspace. The operator may do everything. Resolved once per request from the user's grants.
 */
public record Authority(Actor actor, Set<Permission> global, Map<WorkspaceId, Set<Permission>> workspaces) {

    public Authority {
        Objects.requireNonNull(actor, "actor");
        global = Set.copyOf(global);
        workspaces = workspaces.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Set.copyOf(entry.getValue())));
    }

    public static Authority operator() {
        return new Authority(Actor.operator(), EnumSet.allOf(Permission.class), Map.of());
    }

    /** The authority of a user's grants; a grant of a role that no longer exists gives nothing. */
    public static Authority of(Actor actor, Iterable<Grant> grants, Function<String, Optional<Role>> roles) {
        EnumSet<Permission> global = EnumSet.noneOf(Permission.class);
        Map<WorkspaceId, Set<Permission>> workspaces = new HashMap<>();
        for (Grant grant : grants) {
            Set<Permission> granted = roles.apply(grant.role()).map(Role::permissions).orElse(Set.of());
            grant.workspace().ifPresentOrElse(
                    ws -> workspaces.computeIfAbsent(ws, key -> EnumSet.noneOf(Permission.class)).addAll(granted),
                    () -> global.addAll(granted));
        }
        return new Authority(actor, global, workspaces);
    }

    /** Whether the actor holds the permission globally or in that workspace. */
    public boolean allows(Permission permission, WorkspaceId workspace) {
        return global.contains(permission) || workspaces.getOrDefault(workspace, Set.of()).contains(permission);
    }

    /** Whether the actor holds the permission globally, as the platform-wide calls (nodes, users, roles) need. */
    public boolean allows(Permission permission) {
        return global.contains(permission);
    }

    /** Whether the actor holds the permission anywhere: a list then shows the workspaces where it does. */
    public boolean allowsSomewhere(Permission permission) {
        return allows(permission) || workspaces.values().stream().anyMatch(set -> set.contains(permission));
    }

    public void require(Permission permission, WorkspaceId workspace) {
        if (!allows(permission, workspace)) {
            throw forbidden(permission, " in workspace " + workspace);
        }
    }

    public void require(Permission permission) {
        if (!allows(permission)) {
            throw forbidden(permission, " (granted globally)");
        }
    }

    private PaasmakerException forbidden(Permission permission, String where) {
        return new PaasmakerException(ErrorCode.FORBIDDEN, "user '" + actor.name() + "' lacks the permission "
                + permission + where + "; ask an administrator for a role that holds it");
    }
}
