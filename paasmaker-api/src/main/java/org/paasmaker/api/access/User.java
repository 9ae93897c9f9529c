package org.paasmaker.api.access;

import java.time.Instant;
import java.util.Objects;

/** A person (or a robot) who signs in with a password or an API key; the password's hash never leaves the store's port. */
public record User(UserId id, String name, String email, Instant created) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(created, "created");
    }
}
