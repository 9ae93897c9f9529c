package org.paasmaker.war.security;

import jakarta.security.enterprise.credential.Credential;

/** The secret a request presented: the operator's token or an API key (a session cookie holds one too). */
final class KeyCredential implements Credential {

    private final String secret;

    KeyCredential(String secret) {
        this.secret = secret;
    }

    String secret() {
        return secret;
    }

    @Override
    public void clear() {
        // Immutable; the request's header still holds it anyway.
    }

    @Override
    public String toString() {
        return "KeyCredential[hidden]";
    }
}
