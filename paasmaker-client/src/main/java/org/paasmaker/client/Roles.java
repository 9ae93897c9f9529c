package org.paasmaker.client;

import java.util.List;
import org.paasmaker.api.rest.RoleJson;
import org.paasmaker.api.rest.RoleRequest;

/** {@code /api/v1/roles}: the built-in roles and the operators' own. */
public final class Roles {

    private final Transport transport;

    Roles(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /roles}: the built-in ones first. */
    public List<RoleJson> list() {
        return transport.getList("roles", RoleJson.class);
    }

    /** {@code GET /roles/{name}}. */
    public RoleJson get(String name) {
        return transport.getJson(Transport.path("roles", name), RoleJson.class);
    }

    /** {@code PUT /roles/{name}}: creates the role or replaces its permissions (names such as {@code WORKSPACE_VIEW}). */
    public RoleJson save(String name, List<String> permissions) {
        return transport.sendJson("PUT", Transport.path("roles", name), new RoleRequest(permissions), RoleJson.class);
    }

    /** {@code DELETE /roles/{name}}: the role goes with every grant of it. */
    public void delete(String name) {
        transport.sendJson("DELETE", Transport.path("roles", name), null, Void.class);
    }
}
