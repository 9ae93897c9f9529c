package org.paasmaker.api.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asks: the operator (the platform's super token, which bypasses permissions) or a user. The
 * server passes it to the engine as a plain value, which records it; the engine never authenticates.
 */
public record Actor(String name, Optional<UserId> user) {

    /** The name jobs the platform starts by itself (health replacements, retention) record as their starter. */
    public static final String PLATFORM = "paasmaker";

    private static final Actor OPERATOR = new Actor("operator", Optional.empty());

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
    }

    /** The holder of the platform's token. */
    public static Actor operator() {
        return OPERATOR;
    }

    public static Actor of(User user) {
        return new Actor(user.name(), Optional.of(user.id()));
    }

    public boolean isOperator() {
        return user.isEmpty();
    }
}
