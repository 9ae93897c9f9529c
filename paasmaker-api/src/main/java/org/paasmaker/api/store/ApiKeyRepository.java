package org.paasmaker.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.access.ApiKey;
import org.paasmaker.api.access.ApiKeyId;
import org.paasmaker.api.access.UserId;

/** Users' API keys, kept as the hash of their secret (see {@code ApiKeySecret}). */
public interface ApiKeyRepository {

    /** A new, active key of the user; a {@code NOT_FOUND} when the user does not exist. */
    ApiKey create(UserId user, String name, String secretHash, Instant created);

    /** The key, active or revoked, whose secret has this hash. */
    Optional<ApiKey> findByHash(String secretHash);

    Optional<ApiKey> find(ApiKeyId id);

    /** The user's keys, revoked ones too, by id. */
    List<ApiKey> list(UserId user);

    /** Marks the key revoked at that time; a key revoked before stays revoked at its first time. */
    ApiKey revoke(ApiKeyId id, Instant when);

    /** Records that the key was used then. */
    void used(ApiKeyId id, Instant when);
}
