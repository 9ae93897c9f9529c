package org.paasmaker.api.rest;

/** The body of {@code POST /api/v1/login}: a user's name and password, and the name of the API key to make. */
public record LoginRequest(String name, String password, String keyName) {

    @Override
    public String toString() {
        return "LoginRequest[name=" + name + ", password hidden, keyName=" + keyName + "]";
    }
}
