package org.paasmaker.engine.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.access.ApiKey;
import org.paasmaker.api.access.AuditEntry;
import org.paasmaker.api.access.ApiKeyId;
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

/** Users, keys, roles and grants in memory, gone with the engine: for embedders and tests. One lock keeps each call atomic. */
public final class InMemoryAccessStore implements AccessStore {

    private final Object lock = new Object();
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, PasswordHash> passwords = new LinkedHashMap<>();
    private final Map<Long, ApiKey> keys = new LinkedHashMap<>();
    private final Map<Long, String> keyHashes = new LinkedHashMap<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final Set<Grant> grants = new LinkedHashSet<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private long nextId = 1;

    private final UserRepository userRepository = new Users();
    private final ApiKeyRepository keyRepository = new Keys();
    private final RoleRepository roleRepository = new Roles();
    private final GrantRepository grantRepository = new Grants();
    private final AuditRepository auditRepository = new Audit();

    @Override
    public UserRepository users() {
        return userRepository;
    }

    @Override
    public ApiKeyRepository keys() {
        return keyRepository;
    }

    @Override
    public RoleRepository roles() {
        return roleRepository;
    }

    @Override
    public GrantRepository grants() {
        return grantRepository;
    }

    @Override
    public AuditRepository audit() {
        return auditRepository;
    }

    private void requireUser(UserId id) {
        if (!users.containsKey(id.value())) {
            throw new NotFoundException("user", id);
        }
    }

    private final class Users implements UserRepository {

        @Override
        public User create(NewUser request) {
            synchronized (lock) {
                if (users.values().stream().anyMatch(u -> u.name().equals(request.name()))) {
                    throw new PaasmakerException(ErrorCode.CONFLICT, "the user name '" + request.name()
                            + "' is taken; choose another name");
                }
                User user = new User(new UserId(nextId++), request.name(), request.email(), Instant.now());
                users.put(user.id().value(), user);
                passwords.put(user.id().value(), request.password());
                return user;
            }
        }

        @Override
        public Optional<User> find(UserId id) {
            synchronized (lock) {
                return Optional.ofNullable(users.get(id.value()));
            }
        }

        @Override
        public Optional<User> findByName(String name) {
            synchronized (lock) {
                return users.values().stream().filter(u -> u.name().equals(name)).findFirst();
            }
        }

        @Override
        public Optional<PasswordHash> password(UserId id) {
            synchronized (lock) {
                return Optional.ofNullable(passwords.get(id.value()));
            }
        }

        @Override
        public void setPassword(UserId id, PasswordHash password) {
            synchronized (lock) {
                requireUser(id);
                passwords.put(id.value(), password);
            }
        }

        @Override
        public List<User> list() {
            synchronized (lock) {
                return List.copyOf(users.values());
            }
        }

        @Override
        public void delete(UserId id) {
            synchronized (lock) {
                requireUser(id);
                users.remove(id.value());
                passwords.remove(id.value());
                keys.values().removeIf(k -> k.user().equals(id));
                keyHashes.keySet().retainAll(keys.keySet());
                grants.removeIf(g -> g.user().equals(id));
            }
        }
    }

    private final class Keys implements ApiKeyRepository {

        @Override
        public ApiKey create(UserId user, String name, String secretHash, Instant created) {
            synchronized (lock) {
                requireUser(user);
                ApiKey key = new ApiKey(new ApiKeyId(nextId++), user, name, created, Optional.empty(), Optional.empty());
                keys.put(key.id().value(), key);
                keyHashes.put(key.id().value(), secretHash);
                return key;
            }
        }

        @Override
        public Optional<ApiKey> findByHash(String secretHash) {
            synchronized (lock) {
                return keyHashes.entrySet().stream().filter(e -> e.getValue().equals(secretHash))
                        .map(e -> keys.get(e.getKey())).findFirst();
            }
        }

        @Override
        public Optional<ApiKey> find(ApiKeyId id) {
            synchronized (lock) {
                return Optional.ofNullable(keys.get(id.value()));
            }
        }

        @Override
        public List<ApiKey> list(UserId user) {
            synchronized (lock) {
                return keys.values().stream().filter(k -> k.user().equals(user)).toList();
            }
        }

        @Override
        public ApiKey revoke(ApiKeyId id, Instant when) {
            synchronized (lock) {
                ApiKey key = find(id).orElseThrow(() -> new NotFoundException("API key", id));
                ApiKey revoked = new ApiKey(key.id(), key.user(), key.name(), key.created(), key.lastUsed(),
                        key.revoked().or(() -> Optional.of(when)));
                keys.put(id.value(), revoked);
                return revoked;
            }
        }

        @Override
        public void used(ApiKeyId id, Instant when) {
            synchronized (lock) {
                ApiKey key = find(id).orElseThrow(() -> new NotFoundException("API key", id));
                keys.put(id.value(), new ApiKey(key.id(), key.user(), key.name(), key.created(), Optional.of(when), key.revoked()));
            }
        }
    }

    private final class Roles implements RoleRepository {

        @Override
        public Role save(Role role) {
            synchronized (lock) {
                roles.put(role.name(), role);
                return role;
            }
        }

        @Override
        public Optional<Role> find(String name) {
            synchronized (lock) {
                return Optional.ofNullable(roles.get(name));
            }
        }

        @Override
        public List<Role> list() {
            synchronized (lock) {
                return roles.values().stream().sorted(Comparator.comparing(Role::name)).toList();
            }
        }

        @Override
        public void delete(String name) {
            synchronized (lock) {
                if (roles.remove(name) == null) {
                    throw new NotFoundException("role", name);
                }
                grants.removeIf(g -> g.role().equals(name));
            }
        }
    }

    private final class Grants implements GrantRepository {

        @Override
        public Grant add(Grant grant) {
            synchronized (lock) {
                requireUser(grant.user());
                grants.add(grant);
                return grant;
            }
        }

        @Override
        public void remove(Grant grant) {
            synchronized (lock) {
                if (!grants.remove(grant)) {
                    throw new NotFoundException("grant", grant.role() + " of user " + grant.user()
                            + grant.workspace().map(ws -> " in workspace " + ws).orElse(""));
                }
            }
        }

        @Override
        public List<Grant> list(UserId user) {
            synchronized (lock) {
                return sorted(grants.stream().filter(g -> g.user().equals(user)).toList());
            }
        }

        @Override
        public List<Grant> list() {
            synchronized (lock) {
                return sorted(List.copyOf(grants));
            }
        }
    }

    private final class Audit implements AuditRepository {

        @Override
        public AuditEntry record(Instant at, String actor, String action, int status, Optional<String> job) {
            synchronized (lock) {
                AuditEntry entry = new AuditEntry(audit.size() + 1L, at, actor, action, status, job);
                audit.add(entry);
                return entry;
            }
        }

        @Override
        public List<AuditEntry> newest(int limit) {
            synchronized (lock) {
                List<AuditEntry> newest = new ArrayList<>(audit.subList(Math.max(0, audit.size() - limit), audit.size()));
                Collections.reverse(newest);
                return newest;
            }
        }
    }

    private static List<Grant> sorted(List<Grant> grants) {
        List<Grant> all = new ArrayList<>(grants);
        all.sort(Grant.ORDER);
        return all;
    }
}
