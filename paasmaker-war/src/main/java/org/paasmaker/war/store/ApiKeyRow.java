package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import org.paasmaker.api.access.ApiKey;
import org.paasmaker.api.access.ApiKeyId;
import org.paasmaker.api.access.UserId;

/** An {@link ApiKey} as a row (times as ISO-8601 text, as the other tables keep them), found by the unique hash of its secret on every request. */
@Entity
@Table(name = "PM_API_KEY", indexes = {
        @Index(name = "PM_KEY_HASH", columnList = "SECRET_HASH", unique = true),
        @Index(name = "PM_KEY_USER", columnList = "USER_ID")})
class ApiKeyRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    long id;

    /** Counted up by each update; an update over a revision that is no longer the row's fails (V2__revisions). */
    @Version
    @Column(name = "REVISION", nullable = false)
    long revision;

    @Column(name = "USER_ID", nullable = false)
    long user;

    @Column(name = "NAME", nullable = false, length = 200)
    String name;

    @Column(name = "SECRET_HASH", nullable = false, length = 64)
    String secretHash;

    @Column(name = "CREATED", nullable = false, length = 40)
    String created;

    @Column(name = "LAST_USED", length = 40)
    String lastUsed;

    @Column(name = "REVOKED", length = 40)
    String revoked;

    protected ApiKeyRow() {
        // for JPA
    }

    ApiKeyRow(UserId user, String name, String secretHash, Instant created) {
        this.user = user.value();
        this.name = name;
        this.secretHash = secretHash;
        this.created = created.toString();
    }

    /**
     * Revoked from now on, unless it was already. Changes go through the entity's own methods: the
     * server weaves them for change tracking, and a field written from another class goes unseen.
     */
    void revoke(Instant when) {
        if (revoked == null) {
            revoked = when.toString();
        }
    }

    ApiKey toRecord() {
        return new ApiKey(new ApiKeyId(id), new UserId(user), name, Instant.parse(created),
                Optional.ofNullable(lastUsed).map(Instant::parse), Optional.ofNullable(revoked).map(Instant::parse));
    }
}
