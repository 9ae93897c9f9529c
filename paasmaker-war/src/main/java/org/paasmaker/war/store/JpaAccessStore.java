package org.paasmaker.war.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.access.ApiKey;
import org.paasmaker.api.access.ApiKeyId;
import org.paasmaker.api.access.AuditEntry;
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
import org.paasmaker.api.store.ApiKeyRepository;
import org.paasmaker.api.store.AuditRepository;
import org.paasmaker.api.store.GrantRepository;
import org.paasmaker.api.store.RoleRepository;
import org.paasmaker.api.store.UserRepository;

/**
 * The server's users, keys, roles and grants in the store's database ({@code PM_USER}, {@code PM_API_KEY},
 * {@code PM_ROLE}, {@code PM_GRANT}) and the audit trail ({@code PM_AUDIT}), one short transaction per call as in {@link JpaStore}. The tables
 * are created on the first start of a server that had none, beside the existing ones.
 */
public final class JpaAccessStore implements AccessStore {

    private final Transactions transactions;
    private final Clock clock;
    private final UserRepository users = new Users();
    private final ApiKeyRepository keys = new Keys();
    private final RoleRepository roles = new Roles();
    private final GrantRepository grants = new Grants();
    private final AuditRepository audit = new Audit();

    public JpaAccessStore(EntityManagerFactory factory, Clock clock) {
        this.transactions = new Transactions(factory);
        this.clock = clock;
    }

    @Override
    public UserRepository users() {
        return users;
    }

    @Override
    public ApiKeyRepository keys() {
        return keys;
    }

    @Override
    public RoleRepository roles() {
        return roles;
    }

    @Override
    public GrantRepository grants() {
        return grants;
    }

    @Override
    public AuditRepository audit() {
        return audit;
    }

    private static UserRow userRow(EntityManager manager, UserId id) {
        return Optional.ofNullable(manager.find(UserRow.class, id.value())).orElseThrow(() -> new NotFoundException("user", id));
    }

    private static Optional<UserRow> byName(EntityManager manager, String name) {
        return Rows.first(manager.createQuery("SELECT u FROM UserRow u WHERE u.name = :name", UserRow.class)
                .setParameter("name", name));
    }

    private static PaasmakerException nameTaken(String name, Throwable cause) {
        return new PaasmakerException(ErrorCode.CONFLICT, "the user name '" + name + "' is taken; choose another name", cause);
    }

    private final class Users implements UserRepository {

        @Override
        public User create(NewUser request) {
            try {
                return transactions.inTransaction("create the user '" + request.name() + "'", manager -> {
                    if (byName(manager, request.name()).isPresent()) {
                        throw nameTaken(request.name(), null);
                    }
                    UserRow row = new UserRow(request, clock.instant());
                    manager.persist(row);
                    manager.flush();
                    return row.toRecord();
                });
            } catch (DuplicateKeyException race) {
                throw nameTaken(request.name(), race);
            }
        }

        @Override
        public Optional<User> find(UserId id) {
            return transactions.inTransaction("read user " + id,
                    manager -> Optional.ofNullable(manager.find(UserRow.class, id.value())).map(UserRow::toRecord));
        }

        @Override
        public Optional<User> findByName(String name) {
            return transactions.inTransaction("read the user '" + name + "'", manager -> byName(manager, name).map(UserRow::toRecord));
        }

        @Override
        public Optional<PasswordHash> password(UserId id) {
            return transactions.inTransaction("read the password of user " + id, manager -> Optional
                    .ofNullable(manager.find(UserRow.class, id.value())).map(row -> PasswordHash.decode(row.password)));
        }

        @Override
        public void setPassword(UserId id, PasswordHash password) {
            transactions.inTransaction("set the password of user " + id, manager -> {
                Rows.locked(manager, UserRow.class, id.value(), "user").password(password);
                return null;
            });
        }

        @Override
        public List<User> list() {
            return transactions.inTransaction("list the users", manager -> manager
                    .createQuery("SELECT u FROM UserRow u ORDER BY u.id", UserRow.class)
                    .getResultStream().map(UserRow::toRecord).toList());
        }

        @Override
        public void delete(UserId id) {
            transactions.inTransaction("delete user " + id, manager -> {
                manager.createQuery("DELETE FROM ApiKeyRow k WHERE k.user = :key").setParameter("key", id.value()).executeUpdate();
                manager.createQuery("DELETE FROM GrantRow g WHERE g.user = :key").setParameter("key", id.value()).executeUpdate();
                Rows.delete(manager, "DELETE FROM UserRow u WHERE u.id = :key", id.value(), "user");
                return null;
            });
        }
    }

    private final class Keys implements ApiKeyRepository {

        @Override
        public ApiKey create(UserId user, String name, String secretHash, Instant created) {
            return transactions.inTransaction("create an API key of user " + user, manager -> {
                userRow(manager, user);
                ApiKeyRow row = new ApiKeyRow(user, name, secretHash, created);
                manager.persist(row);
                manager.flush();
                return row.toRecord();
            });
        }

        @Override
        public Optional<ApiKey> findByHash(String secretHash) {
            return transactions.inTransaction("read an API key", manager -> Rows.first(manager
                    .createQuery("SELECT k FROM ApiKeyRow k WHERE k.secretHash = :hash", ApiKeyRow.class)
                    .setParameter("hash", secretHash)).map(ApiKeyRow::toRecord));
        }

        @Override
        public Optional<ApiKey> find(ApiKeyId id) {
            return transactions.inTransaction("read API key " + id,
                    manager -> Optional.ofNullable(manager.find(ApiKeyRow.class, id.value())).map(ApiKeyRow::toRecord));
        }

        @Override
        public List<ApiKey> list(UserId user) {
            return transactions.inTransaction("list the API keys of user " + user, manager -> manager
                    .createQuery("SELECT k FROM ApiKeyRow k WHERE k.user = :user ORDER BY k.id", ApiKeyRow.class)
                    .setParameter("user", user.value()).getResultStream().map(ApiKeyRow::toRecord).toList());
        }

        @Override
        public ApiKey revoke(ApiKeyId id, Instant when) {
            return transactions.inTransaction("revoke API key " + id, manager -> {
                ApiKeyRow row = Rows.locked(manager, ApiKeyRow.class, id.value(), "API key");
                row.revoke(when);
                return row.toRecord();
            });
        }

        @Override
        public void used(ApiKeyId id, Instant when) {
            transactions.inTransaction("record the use of API key " + id, manager -> {
                // One statement, no lock held: concurrent requests with one key only race to write a time.
                if (manager.createQuery("UPDATE ApiKeyRow k SET k.lastUsed = :when WHERE k.id = :key")
                        .setParameter("when", when.toString()).setParameter("key", id.value()).executeUpdate() == 0) {
                    throw new NotFoundException("API key", id);
                }
                return null;
            });
        }
    }

    private final class Roles implements RoleRepository {

        @Override
        public Role save(Role role) {
            return transactions.inTransaction("save the role '" + role.name() + "'", manager -> {
                RoleRow row = manager.find(RoleRow.class, role.name());
                if (row == null) {
                    manager.persist(new RoleRow(role));
                } else {
                    row.copy(role);
                }
                return role;
            });
        }

        @Override
        public Optional<Role> find(String name) {
            return transactions.inTransaction("read the role '" + name + "'",
                    manager -> Optional.ofNullable(manager.find(RoleRow.class, name)).map(RoleRow::toRecord));
        }

        @Override
        public List<Role> list() {
            return transactions.inTransaction("list the roles", manager -> manager
                    .createQuery("SELECT r FROM RoleRow r ORDER BY r.name", RoleRow.class)
                    .getResultStream().map(RoleRow::toRecord).toList());
        }

        @Override
        public void delete(String name) {
            transactions.inTransaction("delete the role '" + name + "'", manager -> {
                manager.createQuery("DELETE FROM GrantRow g WHERE g.role = :key").setParameter("key", name).executeUpdate();
                Rows.delete(manager, "DELETE FROM RoleRow r WHERE r.name = :key", name, "role");
                return null;
            });
        }
    }

    private final class Grants implements GrantRepository {

        @Override
        public Grant add(Grant grant) {
            try {
                return transactions.inTransaction("grant the role '" + grant.role() + "' to user " + grant.user(), manager -> {
                    userRow(manager, grant.user());
                    if (matching(manager, grant).isEmpty()) {
                        manager.persist(new GrantRow(grant));
                        manager.flush();
                    }
                    return grant;
                });
            } catch (DuplicateKeyException race) {
                return grant; // another call granted the same at the same moment: one grant, as asked
            }
        }

        @Override
        public void remove(Grant grant) {
            transactions.inTransaction("remove a grant of user " + grant.user(), manager -> {
                GrantRow row = matching(manager, grant).orElseThrow(() -> new NotFoundException("grant", grant.role()
                        + " of user " + grant.user() + grant.workspace().map(ws -> " in workspace " + ws).orElse("")));
                manager.remove(row);
                return null;
            });
        }

        @Override
        public List<Grant> list(UserId user) {
            return transactions.inTransaction("list the grants of user " + user, manager -> manager
                    .createQuery("SELECT g FROM GrantRow g WHERE g.user = :user ORDER BY g.workspace, g.role", GrantRow.class)
                    .setParameter("user", user.value()).getResultStream().map(GrantRow::toRecord).toList());
        }

        @Override
        public List<Grant> list() {
            return transactions.inTransaction("list the grants", manager -> manager
                    .createQuery("SELECT g FROM GrantRow g ORDER BY g.user, g.workspace, g.role", GrantRow.class)
                    .getResultStream().map(GrantRow::toRecord).toList());
        }

        private Optional<GrantRow> matching(EntityManager manager, Grant grant) {
            return Rows.first(manager.createQuery("SELECT g FROM GrantRow g WHERE g.user = :user AND g.role = :role"
                    + " AND g.workspace = :workspace", GrantRow.class)
                    .setParameter("user", grant.user().value()).setParameter("role", grant.role())
                    .setParameter("workspace", GrantRow.workspaceOf(grant)));
        }
    }

    private final class Audit implements AuditRepository {

        @Override
        public AuditEntry record(Instant at, String actor, String action, int status, Optional<String> job) {
            return transactions.inTransaction("record '" + action + "' in the audit trail", manager -> {
                AuditRow row = new AuditRow(at, actor, action, status, job);
                manager.persist(row);
                manager.flush();
                return row.toRecord();
            });
        }

        @Override
        public List<AuditEntry> newest(int limit) {
            return transactions.inTransaction("read the audit trail", manager -> manager
                    .createQuery("SELECT a FROM AuditRow a ORDER BY a.id DESC", AuditRow.class).setMaxResults(limit)
                    .getResultStream().map(AuditRow::toRecord).toList());
        }
    }
}
