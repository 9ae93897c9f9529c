package org.paasmaker.api.rest;

/** The body of a user's creation: {@code {"name", "email", "password"}}. */
public record UserRequest(String name, String email, String password) {

    @Override
    public String toString() {
        return "UserRequest[name=" + name + ", email=" + email + ", password hidden]";
    }
}
