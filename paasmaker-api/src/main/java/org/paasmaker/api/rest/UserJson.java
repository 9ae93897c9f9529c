package org.paasmaker.api.rest;

import java.time.Instant;
import org.paasmaker.api.access.User;

/** A user on the wire; never the password or its hash. */
public record UserJson(long id, String name, String email, Instant created) {

    public static UserJson of(User user) {
        return new UserJson(user.id().value(), user.name(), user.email(), user.created());
    }
}
