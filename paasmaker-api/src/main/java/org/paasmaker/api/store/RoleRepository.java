package org.paasmaker.api.store;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.access.Role;

/** The roles operators defined; the built-in ones ({@code BuiltinRoles}) are not stored. */
public interface RoleRepository {

    /** Stores a new role, or the new permissions of an existing one. */
    Role save(Role role);

    Optional<Role> find(String name);

    /** Every stored role, by name. */
    List<Role> list();

    /** Deletes the role with the grants of it. */
    void delete(String name);
}
