package org.paasmaker.api.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A user's named API key, without its secret: that is shown once, when the key is made, and stored only hashed. */
public record ApiKey(ApiKeyId id, UserId user, String name, Instant created, Optional<Instant> lastUsed,
        Optional<Instant> revoked) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(revoked, "revoked");
    }

    public boolean active() {
        return revoked.isEmpty();
    }
}
