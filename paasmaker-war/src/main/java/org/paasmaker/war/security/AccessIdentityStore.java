package org.paasmaker.war.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.paasmaker.api.access.Authority;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.engine.ApiToken;

/**
 * The Jakarta Security identity store on the platform's database: the operator's token (the super
 * token) or a user's active API key, read on every request so that a revocation counts at once. The
 * caller's groups say which of the two it is; its permissions travel in its {@link AuthorityPrincipal}.
 */
@ApplicationScoped
class AccessIdentityStore implements IdentityStore {

    private static final String OPERATOR_GROUP = "operator";
    private static final String USER_GROUP = "user";

    @Inject
    ApiToken operatorToken;

    @Inject
    Access access;

    /** Overridden rather than left to the default's reflection, which cannot reach this package-private class. */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof KeyCredential key)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (operatorToken.matches(key.secret())) {
            return valid(Authority.operator(), OPERATOR_GROUP);
        }
        return access.authenticate(key.secret()).map(user -> valid(access.authority(user), USER_GROUP))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    private static CredentialValidationResult valid(Authority authority, String group) {
        return new CredentialValidationResult(new AuthorityPrincipal(authority), Set.of(group));
    }
}
