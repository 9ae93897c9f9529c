package org.paasmaker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.access.ApiKey;
import org.paasmaker.api.access.AuditEntry;
import org.paasmaker.api.access.Grant;
import org.paasmaker.api.access.NewUser;
import org.paasmaker.api.access.PasswordHash;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.access.Role;
import org.paasmaker.api.access.User;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.store.AccessStore;
import org.paasmaker.api.workspace.WorkspaceId;

/** What every {@link AccessStore} must do; the engine's in-memory one and the server's database one run it. */
public abstract class AccessStoreContract {

    /** Few iterations: the contract is about storing hashes, not about their cost. */
    private static final PasswordHash PASSWORD = PasswordHash.of("correct horse", 1_000);
    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");

    protected AccessStore store;

    protected abstract AccessStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private User user(String name) {
        return store.users().create(new NewUser(name, name + "@example.org", PASSWORD));
    }

    @Test
    void usersAreCreatedFoundAndDeleted() {
        User ann = user("ann");
        User bob = user("bob");
        assertThat(store.users().get(ann.id())).isEqualTo(ann);
        assertThat(store.users().findByName("bob")).contains(bob);
        assertThat(store.users().list()).containsExactly(ann, bob);
        assertThat(store.users().password(ann.id()).orElseThrow().matches("correct horse")).isTrue();

        store.users().setPassword(ann.id(), PasswordHash.of("battery staple", 1_000));
        assertThat(store.users().password(ann.id()).orElseThrow().matches("correct horse")).isFalse();
        assertThat(store.users().password(ann.id()).orElseThrow().matches("battery staple")).isTrue();

        store.users().delete(ann.id());
        assertThat(store.users().find(ann.id())).isEmpty();
        assertThatThrownBy(() -> store.users().get(ann.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.users().delete(ann.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aUserNameIsUnique() {
        user("ann");
        assertThatThrownBy(() -> user("ann"))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("'ann'");
        assertThat(store.users().list()).hasSize(1);
    }

    @Test
    void keysAreFoundByHashUsedAndRevoked() {
        User ann = user("ann");
        ApiKey laptop = store.keys().create(ann.id(), "laptop", "hash-1", T0);
        ApiKey ci = store.keys().create(ann.id(), "ci", "hash-2", T0);
        assertThat(laptop.active()).isTrue();
        assertThat(laptop.lastUsed()).isEmpty();
        assertThat(store.keys().findByHash("hash-2")).contains(ci);
        assertThat(store.keys().findByHash("hash-3")).isEmpty();

        store.keys().used(laptop.id(), T0.plusSeconds(5));
        assertThat(store.keys().find(laptop.id()).orElseThrow().lastUsed()).contains(T0.plusSeconds(5));

        ApiKey revoked = store.keys().revoke(ci.id(), T0.plusSeconds(10));
        assertThat(revoked.revoked()).contains(T0.plusSeconds(10));
        assertThat(store.keys().revoke(ci.id(), T0.plusSeconds(20)).revoked()).contains(T0.plusSeconds(10));
        assertThat(store.keys().findByHash("hash-2").orElseThrow().active()).isFalse();
        assertThat(store.keys().list(ann.id())).extracting(ApiKey::name).containsExactly("laptop", "ci");
    }

    @Test
    void keysOfAnUnknownUserAreRefusedAndADeletedUsersKeysGo() {
        User ann = user("ann");
        store.keys().create(ann.id(), "laptop", "hash-1", T0);
        store.users().delete(ann.id());
        assertThat(store.keys().findByHash("hash-1")).isEmpty();
        assertThatThrownBy(() -> store.keys().create(ann.id(), "again", "hash-2", T0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void rolesAreSavedChangedAndDeletedWithTheirGrants() {
        User ann = user("ann");
        Role auditor = store.roles().save(new Role("Auditor", EnumSet.of(Permission.USER_LIST)));
        assertThat(store.roles().find("Auditor")).contains(auditor);
        Role wider = store.roles().save(new Role("Auditor", EnumSet.of(Permission.USER_LIST, Permission.ROLE_LIST)));
        assertThat(store.roles().find("Auditor").orElseThrow().permissions())
                .containsExactlyInAnyOrder(Permission.USER_LIST, Permission.ROLE_LIST);
        assertThat(store.roles().list()).containsExactly(wider);

        store.grants().add(Grant.global(ann.id(), "Auditor"));
        store.roles().delete("Auditor");
        assertThat(store.roles().find("Auditor")).isEmpty();
        assertThat(store.grants().list(ann.id())).isEmpty();
        assertThatThrownBy(() -> store.roles().delete("Auditor")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void grantsAreGlobalOrPerWorkspaceAndGrantingTwiceKeepsOne() {
        User ann = user("ann");
        User bob = user("bob");
        Grant inTwo = Grant.in(ann.id(), "Deployer", new WorkspaceId(2));
        Grant global = Grant.global(ann.id(), "Viewer");
        store.grants().add(inTwo);
        store.grants().add(global);
        store.grants().add(inTwo);
        store.grants().add(Grant.global(bob.id(), "Administrator"));
        assertThat(store.grants().list(ann.id())).containsExactly(global, inTwo);
        assertThat(store.grants().list()).hasSize(3);

        store.grants().remove(inTwo);
        assertThat(store.grants().list(ann.id())).containsExactly(global);
        assertThatThrownBy(() -> store.grants().remove(inTwo)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.grants().add(new Grant(new UserId(999), "Viewer", Optional.empty())))
                .isInstanceOf(NotFoundException.class);

        store.users().delete(bob.id());
        assertThat(store.grants().list()).containsExactly(global);
    }

    @Test
    void theAuditTrailListsTheNewestFirst() {
        store.audit().record(T0, "operator", "POST /api/v1/users", 201, Optional.empty());
        store.audit().record(T0.plusSeconds(1), "ann", "POST /api/v1/versions/7/start", 202, Optional.of("job-1"));
        store.audit().record(T0.plusSeconds(2), "ann", "DELETE /api/v1/versions/7", 409, Optional.empty());

        assertThat(store.audit().newest(2)).extracting(AuditEntry::action)
                .containsExactly("DELETE /api/v1/versions/7", "POST /api/v1/versions/7/start");
        AuditEntry start = store.audit().newest(10).get(1);
        assertThat(start.actor()).isEqualTo("ann");
        assertThat(start.at()).isEqualTo(T0.plusSeconds(1));
        assertThat(start.status()).isEqualTo(202);
        assertThat(start.job()).contains("job-1");
        assertThat(store.audit().newest(10)).hasSize(3);
        assertThat(store.audit().newest(10).get(0).id()).isGreaterThan(start.id());
    }
}
