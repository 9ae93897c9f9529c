package org.paasmaker.client;

import java.util.List;
import java.util.Objects;
import org.paasmaker.api.rest.ApiKeyJson;
import org.paasmaker.api.rest.ApiKeyRequest;
import org.paasmaker.api.rest.GrantJson;
import org.paasmaker.api.rest.GrantRequest;
import org.paasmaker.api.rest.IssuedApiKeyJson;
import org.paasmaker.api.rest.UserJson;
import org.paasmaker.api.rest.UserRequest;

/** {@code /api/v1/users}: users, their API keys and their grants; a user is named by its id or its name. */
public final class Users {

    private final Transport transport;

    Users(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /users}. */
    public List<UserJson> list() {
        return transport.getList("users", UserJson.class);
    }

    /** {@code GET /users/{user}}. */
    public UserJson get(String user) {
        return transport.getJson(Transport.path("users", user), UserJson.class);
    }

    /** {@code POST /users}: the new user (201); a {@code CONFLICT} when the name is taken. */
    public UserJson create(UserRequest request) {
        Objects.requireNonNull(request, "the user to create");
        return transport.sendJson("POST", "users", request, UserJson.class);
    }

    /** {@code DELETE /users/{user}}: the user goes with its keys and grants. */
    public void delete(String user) {
        transport.sendJson("DELETE", Transport.path("users", user), null, Void.class);
    }

    /** {@code GET /users/{user}/keys}: revoked ones too, never a secret. */
    public List<ApiKeyJson> keys(String user) {
        return transport.getList(Transport.path("users", user, "keys"), ApiKeyJson.class);
    }

    /** {@code POST /users/{user}/keys}: the new key with its secret, which no later call shows. */
    public IssuedApiKeyJson issueKey(String user, String name) {
        return transport.sendJson("POST", Transport.path("users", user, "keys"), new ApiKeyRequest(name), IssuedApiKeyJson.class);
    }

    /** {@code DELETE /users/{user}/keys/{key}}: the key, revoked from now on. */
    public ApiKeyJson revokeKey(String user, long key) {
        return transport.sendJson("DELETE", Transport.path("users", user, "keys", key), null, ApiKeyJson.class);
    }

    /** {@code GET /users/{user}/grants}. */
    public List<GrantJson> grants(String user) {
        return transport.getList(Transport.path("users", user, "grants"), GrantJson.class);
    }

    /** {@code POST /users/{user}/grants}: the role in that workspace (id or stub), or everywhere for null. */
    public GrantJson grant(String user, String role, String workspace) {
        return transport.sendJson("POST", Transport.path("users", user, "grants"), new GrantRequest(role, workspace),
                GrantJson.class);
    }

    /** {@code DELETE /users/{user}/grants?role=&workspace=}. */
    public void revokeGrant(String user, String role, String workspace) {
        String path = Transport.query(Transport.path("users", user, "grants"), workspace == null
                ? Transport.parameters("role", role) : Transport.parameters("role", role, "workspace", workspace));
        transport.sendJson("DELETE", path, null, Void.class);
    }
}
