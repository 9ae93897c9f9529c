package org.paasmaker.war.security;

import jakarta.security.enterprise.CallerPrincipal;
import org.paasmaker.api.access.Authority;

/**
 * The caller as Jakarta Security holds it: the actor's name, and what it may do as the identity store
 * read it, so that the request's authorization looks nothing up again.
 */
final class AuthorityPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    /** Transient: the grants are the database's; a principal read back from anywhere else holds none. */
    private final transient Authority authority;

    AuthorityPrincipal(Authority authority) {
        super(authority.actor().name());
        this.authority = authority;
    }

    Authority authority() {
        return authority;
    }
}
