package org.paasmaker.api.store;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.access.NewUser;
import org.paasmaker.api.access.PasswordHash;
import org.paasmaker.api.access.User;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.error.NotFoundException;

/** Users; names are unique. */
public interface UserRepository {

    /** A new user; a {@code CONFLICT} error when the name is taken. */
    User create(NewUser request);

    Optional<User> find(UserId id);

    Optional<User> findByName(String name);

    default User get(UserId id) {
        return find(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    /** The stored hash of the user's password, to check a sign-in against. */
    Optional<PasswordHash> password(UserId id);

    void setPassword(UserId id, PasswordHash password);

    /** Every user, by id. */
    List<User> list();

    /** Deletes the user with its keys and grants. */
    void delete(UserId id);
}
