package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.access.Role;

/** An operator's {@link Role} as a row: its permissions' names, comma-separated. */
@Entity
@Table(name = "PM_ROLE")
class RoleRow {

    @Id
    @Column(name = "NAME", length = 63)
    String name;

    /** Counted up by each update; an update over a revision that is no longer the row's fails (V2__revisions). */
    @Version
    @Column(name = "REVISION", nullable = false)
    long revision;

    @Column(name = "PERMISSIONS", nullable = false, length = 1000)
    String permissions;

    protected RoleRow() {
        // for JPA
    }

    RoleRow(Role role) {
        name = role.name();
        copy(role);
    }

    void copy(Role role) {
        permissions = role.permissions().stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    Role toRecord() {
        return new Role(name, Arrays.stream(permissions.split(",")).filter(p -> !p.isEmpty())
                .map(Permission::fromWire).collect(Collectors.toSet()));
    }
}
