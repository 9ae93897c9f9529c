package org.paasmaker.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.access.BuiltinRoles;
import org.paasmaker.api.access.Permission;
import org.paasmaker.api.access.Role;
import org.paasmaker.api.access.User;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.workspace.WorkspaceId;
import org.paasmaker.engine.store.InMemoryAccessStore;

class AccessTest {

    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
    private final Access access = new Access(new InMemoryAccessStore(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aWrongPasswordAndAnUnknownUserAreAlike() {
        User ann = access.createUser("ann", "ann@example.org", "correct horse");
        assertThat(access.signIn("ann", "correct horse", "10.0.0.1")).contains(ann);
        assertThat(access.signIn("ann", "wrong horse", "10.0.0.1")).isEmpty();
        assertThat(access.signIn("nobody", "correct horse", "10.0.0.2")).isEmpty();
        assertThat(access.signIn(null, null, "10.0.0.3")).isEmpty();
    }

    @Test
    void aShortPasswordIsRefused() {
        assertThatThrownBy(() -> access.createUser("ann", "ann@example.org", "short"))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("8 characters");
    }

    @Test
    void aKeyAuthenticatesUntilItIsRevokedAndRecordsItsUse() {
        User ann = access.createUser("ann", "ann@example.org", "correct horse");
        Access.IssuedKey issued = access.issueKey(ann.id(), "laptop");
        assertThat(issued.secret()).startsWith("pmk_");
        assertThat(access.authenticate(issued.secret())).contains(ann);
        assertThat(access.store().keys().find(issued.key().id()).orElseThrow().lastUsed()).contains(NOW);

        assertThat(access.authenticate(issued.secret() + "x")).isEmpty();
        assertThat(access.authenticate("pmk_short")).isEmpty();
        assertThat(access.authenticate(null)).isEmpty();

        access.revokeKey(ann.id(), issued.key().id());
        assertThat(access.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void grantsMakeTheAuthorityGloballyOrInOneWorkspace() {
        User ann = access.createUser("ann", "ann@example.org", "correct horse");
        access.grant(ann.id(), "Viewer", Optional.empty());
        access.grant(ann.id(), "Deployer", Optional.of(new WorkspaceId(7)));
        Authority authority = access.authority(ann);
        assertThat(authority.allows(Permission.WORKSPACE_VIEW, new WorkspaceId(3))).isTrue();
        assertThat(authority.allows(Permission.APPLICATION_DEPLOY, new WorkspaceId(7))).isTrue();
        assertThat(authority.allows(Permission.APPLICATION_DEPLOY, new WorkspaceId(3))).isFalse();
        assertThat(authority.allowsSomewhere(Permission.APPLICATION_DEPLOY)).isTrue();
        assertThatThrownBy(() -> authority.require(Permission.APPLICATION_DEPLOY, new WorkspaceId(3)))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("APPLICATION_DEPLOY").hasMessageContaining("'ann'");
    }

    @Test
    void anUnknownRoleOrPermissionIsNamed() {
        User ann = access.createUser("ann", "ann@example.org", "correct horse");
        assertThatThrownBy(() -> access.grant(ann.id(), "Wizard", Optional.empty()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("'Wizard'").hasMessageContaining("Viewer");
        assertThatThrownBy(() -> Permission.fromWire("DEPLOY_EVERYTHING"))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("'DEPLOY_EVERYTHING'");
    }

    @Test
    void builtInRolesCannotChangeAndOperatorsRolesCan() {
        assertThatThrownBy(() -> access.saveRole(new Role("Viewer", EnumSet.allOf(Permission.class))))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        access.saveRole(new Role("Auditor", EnumSet.of(Permission.USER_LIST)));
        assertThat(access.roles()).extracting(Role::name)
                .containsExactly("Viewer", "Deployer", "Manager", "Administrator", "Auditor");
        assertThat(BuiltinRoles.VIEWER.permissions()).doesNotContain(Permission.SERVICE_CREDENTIAL_VIEW);
        assertThat(BuiltinRoles.MANAGER.permissions()).contains(Permission.SERVICE_CREDENTIAL_VIEW);
        assertThat(Permission.values()).hasSize(26);
    }

    @Test
    void theOperatorsAndThePlatformsNamesAreReservedAndTheAuditTrailNamesTheActor() {
        assertThatThrownBy(() -> access.createUser("operator", "op@example.org", "correct horse"))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> access.createUser(Actor.PLATFORM, "pm@example.org", "correct horse"))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("reserved for the platform");
        User ann = access.createUser("ann", "ann@example.org", "correct horse");
        access.audit(Actor.of(ann), "POST /api/v1/versions/7/start", 202, Optional.of("job-1"));
        assertThat(access.store().audit().newest(1)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ann");
            assertThat(entry.at()).isEqualTo(NOW);
            assertThat(entry.job()).contains("job-1");
        });
    }
}
