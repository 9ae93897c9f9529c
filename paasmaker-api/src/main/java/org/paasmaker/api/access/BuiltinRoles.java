package org.paasmaker.api.access;

import static org.paasmaker.api.access.Permission.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The roles every platform has; they cannot be changed or deleted.
 * <ul>
 * <li><b>Viewer</b> looks: workspaces, applications, versions, instances, jobs and logs, services
 *     without their credentials, manifests, nodes, the health check.</li>
 * <li><b>Deployer</b> is a Viewer who also uploads and deploys: new applications and versions, start,
 *     stop, make current, abort jobs.</li>
 * <li><b>Manager</b> is a Deployer who also deletes applications and versions, sees services'
 *     credentials, exports and imports their data, edits workspaces and lists users and roles.</li>
 * <li><b>Administrator</b> holds every permission.</li>
 * </ul>
 */
public final class BuiltinRoles {

    public static final Role VIEWER = new Role("Viewer", EnumSet.of(WORKSPACE_LIST, WORKSPACE_VIEW, SERVICE_VIEW,
            APPLICATION_VIEW_MANIFEST, NODE_LIST, NODE_DETAIL_VIEW, SYSTEM_OVERVIEW, HEALTH_CHECK));
    public static final Role DEPLOYER = new Role("Deployer", with(VIEWER, FILE_UPLOAD, APPLICATION_CREATE,
            APPLICATION_DEPLOY, APPLICATION_ROUTING, JOB_ABORT));
    public static final Role MANAGER = new Role("Manager", with(DEPLOYER, APPLICATION_DELETE, SERVICE_CREDENTIAL_VIEW,
            SERVICE_EXPORT, SERVICE_IMPORT, SERVICE_TUNNEL, WORKSPACE_EDIT, USER_LIST, ROLE_LIST));
    public static final Role ADMINISTRATOR = new Role("Administrator", EnumSet.allOf(Permission.class));

    public static final List<Role> ALL = List.of(VIEWER, DEPLOYER, MANAGER, ADMINISTRATOR);

    private BuiltinRoles() {
    }

    public static Optional<Role> find(String name) {
        return ALL.stream().filter(role -> role.name().equals(name)).findFirst();
    }

    private static Set<Permission> with(Role base, Permission... more) {
        EnumSet<Permission> all = EnumSet.copyOf(base.permissions());
        all.addAll(List.of(more));
        return all;
    }
}
