package org.paasmaker.api.access;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.workspace.WorkspaceId;

/** A user holds a role everywhere ({@code workspace} empty) or in one workspace. */
public record Grant(UserId user, String role, Optional<WorkspaceId> workspace) {

    /** The order lists use: by user, global grants first, then by workspace and role. */
    public static final Comparator<Grant> ORDER = Comparator.<Grant>comparingLong(g -> g.user().value())
            .thenComparingLong(g -> g.workspace().map(WorkspaceId::value).orElse(0L))
            .thenComparing(Grant::role);

    public Grant {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(workspace, "workspace");
    }

    public static Grant global(UserId user, String role) {
        return new Grant(user, role, Optional.empty());
    }

    public static Grant in(UserId user, String role, WorkspaceId workspace) {
        return new Grant(user, role, Optional.of(workspace));
    }
}
