package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.util.Optional;
import org.paasmaker.api.access.Grant;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * A {@link Grant} as a row. A global grant has workspace 0 rather than NULL, so the unique index
 * holds for global grants too (NULLs never collide in a unique index).
 */
@Entity
@Table(name = "PM_GRANT", indexes = @Index(name = "PM_GRANT_KEY", columnList = "USER_ID,ROLE_NAME,WORKSPACE_ID", unique = true))
class GrantRow {

    static final long GLOBAL = 0;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    long id;

    @Column(name = "USER_ID", nullable = false)
    long user;

    @Column(name = "ROLE_NAME", nullable = false, length = 63)
    String role;

    @Column(name = "WORKSPACE_ID", nullable = false)
    long workspace;

    protected GrantRow() {
        // for JPA
    }

    GrantRow(Grant grant) {
        user = grant.user().value();
        role = grant.role();
        workspace = workspaceOf(grant);
    }

    static long workspaceOf(Grant grant) {
        return grant.workspace().map(WorkspaceId::value).orElse(GLOBAL);
    }

    Grant toRecord() {
        return new Grant(new UserId(user), role, workspace == GLOBAL ? Optional.empty() : Optional.of(new WorkspaceId(workspace)));
    }
}
