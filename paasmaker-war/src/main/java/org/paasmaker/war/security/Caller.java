package org.paasmaker.war.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * Who sent this request and what they may do, as the authentication filter found it, and the workspace
 * the authorization filter checked. Resources ask it for what one annotation cannot say: which items
 * of a list to show, whether to reveal credentials.
 */
@RequestScoped
public class Caller {

    private Authority authority;
    private WorkspaceId workspace;

    void authenticated(Authority authority) {
        this.authority = authority;
    }

    void checkedIn(WorkspaceId workspace) {
        this.workspace = workspace;
    }

    public Authority authority() {
        if (authority == null) {
            throw new PaasmakerException(ErrorCode.UNAUTHORIZED, "this call needs a token or an API key");
        }
        return authority;
    }

    /** Who the engine records as starting the jobs this request starts. */
    public Actor actor() {
        return authority().actor();
    }

    Optional<Authority> known() {
        return Optional.ofNullable(authority);
    }

    /** A 403 naming the permission unless the caller holds it in the workspace this request touches. */
    public void requireHere(Permission permission) {
        if (workspace == null) {
            authority().require(permission);
        } else {
            authority().require(permission, workspace);
        }
    }
}
