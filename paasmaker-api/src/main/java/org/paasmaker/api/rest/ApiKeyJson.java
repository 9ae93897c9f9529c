package org.paasmaker.api.rest;

import java.time.Instant;
import org.paasmaker.api.access.ApiKey;

/** An API key on the wire, without its secret; {@code lastUsed} and {@code revoked} are null until they happen. */
public record ApiKeyJson(long id, long userId, String name, Instant created, Instant lastUsed, Instant revoked) {

    public static ApiKeyJson of(ApiKey key) {
        return new ApiKeyJson(key.id().value(), key.user().value(), key.name(), key.created(),
                key.lastUsed().orElse(null), key.revoked().orElse(null));
    }
}
