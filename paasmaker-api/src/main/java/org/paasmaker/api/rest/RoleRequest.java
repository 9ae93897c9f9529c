package org.paasmaker.api.rest;

import java.util.EnumSet;
import java.util.List;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.access.Role;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** The body of {@code PUT /api/v1/roles/{name}}: {@code {"permissions": ["WORKSPACE_VIEW", ...]}}. */
public record RoleRequest(List<String> permissions) {

    /** The role of that name; an unknown permission is an {@code INVALID_REQUEST} naming it. */
    public Role toRole(String name) {
        if (permissions == null) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "a role needs its \"permissions\", a list of names");
        }
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        permissions.forEach(p -> set.add(Permission.fromWire(p)));
        return new Role(name, set);
    }
}
