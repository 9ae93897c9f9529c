package org.paasmaker.war.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * Who sent this request and what they may do, as Jakarta Security authenticated it (see
 * {@link KeyAuthenticationMechanism}), and the workspace the authorization filter checked. Resources ask
 * it for what one annotation cannot say: which items of a list to show, whether to reveal credentials.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    private Optional<Authority> known;
    private WorkspaceId workspace;

    void checkedIn(WorkspaceId workspace) {
        this.workspace = workspace;
    }

    public Authority authority() {
        return known().orElseThrow(
                () -> new PaasmakerException(ErrorCode.UNAUTHORIZED, "this call needs a token or an API key"));
    }

    /** Who the engine records as starting the jobs this request starts. */
    public Actor actor() {
        return authority().actor();
    }

    /** Empty for an anonymous request: no credential, or one the identity store refused. */
    public Optional<Authority> known() {
        if (request.getAttribute(KeyAuthenticationMechanism.FAILURE) instanceof RuntimeException e) {
            throw e;
        }
        if (known == null) {
            known = security.getPrincipalsByType(AuthorityPrincipal.class).stream().findFirst()
                    .map(AuthorityPrincipal::authority);
        }
        return known;
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
