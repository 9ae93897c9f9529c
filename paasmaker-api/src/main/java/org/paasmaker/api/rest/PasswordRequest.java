package org.paasmaker.api.rest;

/** The body of {@code PUT /api/v1/users/{user}/password}: {@code {"password"}}, the new one. */
public record PasswordRequest(String password) {

    @Override
    public String toString() {
        return "PasswordRequest[hidden]";
    }
}
