package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.access.Grant;
import org.paasmaker.api.access.NewUser;
import org.paasmaker.api.access.PasswordHash;
import org.paasmaker.api.access.User;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;

/**
 * A server of this version started on the database of the previous one, which had no user tables:
 * its workspaces and applications stay, and the user tables are made beside them.
 */
class AccessUpgradeTest {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @AfterEach
    void shutDown() {
        derby.close();
    }

    @Test
    void thePreviousVersionsDataStaysAndUsersCanBeAdded() throws Exception {
        derby = new EmbeddedDerby(directory);
        JpaStore before = derby.openStore();
        Workspace workspace = before.workspaces().create(NewWorkspace.of("Production", "prod", Map.of()));
        Application application = before.applications().findOrCreate(workspace.id(), "shop", PluginParameters.empty());
        derby.close();
        // The previous version's database: the same tables, none of the access tables.
        for (String table : new String[] {"PM_AUDIT", "PM_GRANT", "PM_ROLE", "PM_API_KEY", "PM_USER"}) {
            derby.execute("DROP TABLE " + table);
        }
        derby.close();

        JpaStore after = derby.openStore();
        JpaAccessStore access = new JpaAccessStore(derby.openFactory(), Clock.systemUTC());
        assertThat(after.workspaces().list()).containsExactly(workspace);
        assertThat(after.applications().get(application.id())).isEqualTo(application);
        User ann = access.users().create(new NewUser("ann", "ann@example.org", PasswordHash.of("correct horse", 1_000)));
        access.grants().add(Grant.in(ann.id(), "Deployer", workspace.id()));
        assertThat(access.grants().list(ann.id())).containsExactly(Grant.in(ann.id(), "Deployer", workspace.id()));
    }
}
