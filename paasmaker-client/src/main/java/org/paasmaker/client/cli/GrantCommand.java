package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.rest.GrantJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker grant list|add|remove}: which role a user holds, everywhere or in one workspace. */
@Command(name = "grant", description = "Grants: a role held by a user everywhere or in one workspace.",
        subcommands = {GrantCommand.ListGrants.class, GrantCommand.Add.class, GrantCommand.Remove.class})
final class GrantCommand {

    @Command(name = "list", description = "List a user's grants.")
    static final class ListGrants extends ServerCommand {

        @Parameters(paramLabel = "USER", description = "The user's name or id.")
        String user;

        @Override
        int run(PaasmakerClient client) {
            List<GrantJson> grants = client.users().grants(user);
            print(grants, () -> {
                Table table = new Table("ROLE", "WORKSPACE");
                grants.forEach(grant -> table.row(grant.role(), grant.workspaceId() == null ? "(all)" : grant.workspaceId()));
                table.print(out());
            });
            return 0;
        }
    }

    @Command(name = "add", description = "Grant a user a role, in one workspace or (without -w) everywhere.")
    static final class Add extends ServerCommand {

        @Parameters(index = "0", paramLabel = "USER", description = "The user's name or id.")
        String user;

        @Parameters(index = "1", paramLabel = "ROLE", description = "The role: Viewer, Deployer, Manager, Administrator or your own.")
        String role;

        @Option(names = {"-w", "--workspace"}, paramLabel = "WS", description = "The workspace's stub or id; everywhere without it.")
        String workspace;

        @Override
        int run(PaasmakerClient client) {
            GrantJson grant = client.users().grant(user, role, workspace);
            print(grant, () -> out().println("Granted " + role + " to " + user
                    + (workspace == null ? " in every workspace." : " in workspace " + workspace + ".")));
            return 0;
        }
    }

    @Command(name = "remove", description = "Take a role back from a user.")
    static final class Remove extends ServerCommand {

        @Parameters(index = "0", paramLabel = "USER", description = "The user's name or id.")
        String user;

        @Parameters(index = "1", paramLabel = "ROLE", description = "The role.")
        String role;

        @Option(names = {"-w", "--workspace"}, paramLabel = "WS", description = "The workspace of the grant; the global grant without it.")
        String workspace;

        @Override
        int run(PaasmakerClient client) {
            client.users().revokeGrant(user, role, workspace);
            if (human()) {
                out().println("Removed " + role + " from " + user + (workspace == null ? "." : " in workspace " + workspace + "."));
            }
            return 0;
        }
    }
}
