package org.paasmaker.api.rest;

import java.util.List;
import org.paasmaker.api.access.Role;

/** A role on the wire: its permissions by name, in the original's order, and whether it is built in. */
public record RoleJson(String name, List<String> permissions, boolean builtIn) {

    public static RoleJson of(Role role) {
        return new RoleJson(role.name(), role.permissions().stream().sorted().map(Enum::name).toList(), role.builtIn());
    }
}
