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
import org.paasmaker.api.access.NewUser;
import org.paasmaker.api.access.PasswordHash;
import org.paasmaker.api.access.User;
import org.paasmaker.api.access.UserId;

/** A {@link User} as a row, with the encoded hash of its password; the unique name backs the store's own check. */
@Entity
@Table(name = "PM_USER", indexes = @Index(name = "PM_USER_NAME", columnList = "NAME", unique = true))
class UserRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    long id;

    /** Counted up by each update; an update over a revision that is no longer the row's fails (V2__revisions). */
    @Version
    @Column(name = "REVISION", nullable = false)
    long revision;

    @Column(name = "NAME", nullable = false, length = 63)
    String name;

    @Column(name = "EMAIL", nullable = false, length = 254)
    String email;

    @Column(name = "PASSWORD", nullable = false, length = 200)
    String password;

    @Column(name = "CREATED", nullable = false, length = 40)
    String created;

    protected UserRow() {
        // for JPA
    }

    UserRow(NewUser request, Instant created) {
        name = request.name();
        email = request.email();
        password = request.password().encoded();
        this.created = created.toString();
    }

    /** Through the entity's own method, so that the server's woven change tracking sees it. */
    void password(PasswordHash hash) {
        password = hash.encoded();
    }

    User toRecord() {
        return new User(new UserId(id), name, email, Instant.parse(created));
    }
}
