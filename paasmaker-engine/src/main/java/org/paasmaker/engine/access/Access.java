package org.paasmaker.engine.access;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.access.ApiKey;
import org.paasmaker.api.access.ApiKeyId;
import org.paasmaker.api.access.ApiKeySecret;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.access.BuiltinRoles;
import org.paasmaker.api.access.Grant;
import org.paasmaker.api.access.NewUser;
import org.paasmaker.api.access.PasswordHash;
import org.paasmaker.api.access.Role;
import org.paasmaker.api.access.User;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.store.AccessStore;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * Users, their keys, roles and grants over an {@link AccessStore}: who a password or an API key
 * belongs to, and what that actor may do. Pure Java; the server authenticates its requests with it
 * and hands the resulting {@link Authority} to its resources.
 */
public final class Access {

    /** A password check against a hash nobody has, so an unknown user costs as much time as a wrong password. */
    private static final PasswordHash NOBODY = PasswordHash.of("no user has this password", PasswordHash.ITERATIONS);

    private final AccessStore store;
    private final Clock clock;
    private final SignInThrottle throttle;

    public Access(AccessStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttle = new SignInThrottle(clock);
    }

    public AccessStore store() {
        return store;
    }

    public User createUser(String name, String email, String password) {
        return store.users().create(new NewUser(name, email, PasswordHash.of(password)));
    }

    /**
     * The user of that name and password, signing in from that address; empty for an unknown user and
     * a wrong password alike. A {@code TOO_MANY_ATTEMPTS} error while the account or the address must
     * wait after repeated failures (see {@link SignInThrottle}).
     */
    public Optional<User> signIn(String name, String password, String address) {
        String account = name == null ? "" : name;
        throttle.wait(account, address).ifPresent(wait -> {
            throw new PaasmakerException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed sign-ins for this user or"
                    + " from this address; try again in " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s");
        });
        Optional<User> user = store.users().findByName(account);
        PasswordHash hash = user.flatMap(u -> store.users().password(u.id())).orElse(NOBODY);
        boolean matches = hash.matches(password == null ? "" : password);
        if (user.isPresent() && matches) {
            throttle.succeeded(account, address);
            return user;
        }
        throttle.failed(account, address);
        return Optional.empty();
    }

    /** Replaces the user's password. */
    public void setPassword(UserId user, String password) {
        store.users().setPassword(user, PasswordHash.of(password));
    }

    /** A new key of the user, with its secret: the only time anyone sees it. */
    public IssuedKey issueKey(UserId user, String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "an API key needs a name of 1 to 200 characters,"
                    + " to tell it from the user's other keys");
        }
        String secret = ApiKeySecret.generate();
        ApiKey key = store.keys().create(user, name.strip(), ApiKeySecret.hash(secret).orElseThrow(), clock.instant());
        return new IssuedKey(key, secret);
    }

    /**
     * The user an active key belongs to, recording its use; empty for a malformed, unknown or revoked
     * key. The store is read on every call, so a revocation takes effect at once.
     */
    public Optional<User> authenticate(String presentedKey) {
        return ApiKeySecret.hash(presentedKey)
                .flatMap(hash -> store.keys().findByHash(hash))
                .filter(ApiKey::active)
                .flatMap(key -> {
                    store.keys().used(key.id(), clock.instant());
                    return store.users().find(key.user());
                });
    }

    public ApiKey revokeKey(UserId user, ApiKeyId id) {
        ApiKey key = store.keys().find(id).filter(k -> k.user().equals(user))
                .orElseThrow(() -> new NotFoundException("API key", id));
        return store.keys().revoke(key.id(), clock.instant());
    }

    /** The built-in roles, then the operators' own. */
    public List<Role> roles() {
        List<Role> all = new ArrayList<>(BuiltinRoles.ALL);
        all.addAll(store.roles().list());
        return all;
    }

    public Optional<Role> role(String name) {
        return BuiltinRoles.find(name).or(() -> store.roles().find(name));
    }

    /** Stores an operator's role; the built-in ones cannot change. */
    public Role saveRole(Role role) {
        requireNotBuiltIn(role.name());
        return store.roles().save(role);
    }

    public void deleteRole(String name) {
        requireNotBuiltIn(name);
        store.roles().delete(name);
    }

    /** Grants the role; a role that does not exist is an {@code INVALID_REQUEST} naming it. */
    public Grant grant(UserId user, String role, Optional<WorkspaceId> workspace) {
        if (role == null || role.isBlank()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "a grant needs a \"role\"; the roles are "
                    + String.join(", ", roles().stream().map(Role::name).toList()));
        }
        if (role(role).isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "unknown role '" + role + "'; the roles are "
                    + String.join(", ", roles().stream().map(Role::name).toList()));
        }
        return store.grants().add(new Grant(user, role, workspace));
    }

    /** Appends a change to the audit trail, at this moment. */
    public void audit(Actor actor, String action, int status, Optional<String> job) {
        store.audit().record(clock.instant(), actor.name(), action, status, job);
    }

    /** What the user may do now, from the grants as they are stored now. */
    public Authority authority(User user) {
        return Authority.of(Actor.of(user), store.grants().list(user.id()), this::role);
    }

    private static void requireNotBuiltIn(String name) {
        if (BuiltinRoles.find(name).isPresent()) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "the role '" + name + "' is built in and cannot be"
                    + " changed or deleted; define a role of another name");
        }
    }

    /** A key as it is made: the record and, this once, its secret. */
    public record IssuedKey(ApiKey key, String secret) {

        @Override
        public String toString() {
            return "IssuedKey[" + key + ", secret hidden]";
        }
    }
}
