package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.rest.RoleJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code paasmaker role list|show|set|delete}. */
@Command(name = "role", description = "Roles: named sets of permissions (Viewer, Deployer, Manager, Administrator and your own).",
        subcommands = {RoleCommand.ListRoles.class, RoleCommand.Show.class, RoleCommand.Set.class, RoleCommand.Delete.class})
final class RoleCommand {

    @Command(name = "list", description = "List the roles and their permissions.")
    static final class ListRoles extends ServerCommand {

        @Override
        int run(PaasmakerClient client) {
            List<RoleJson> roles = client.roles().list();
            print(roles, () -> {
                Table table = new Table("NAME", "BUILT IN", "PERMISSIONS");
                roles.forEach(role -> table.row(role.name(), role.builtIn() ? "yes" : "no", String.join(" ", role.permissions())));
                table.print(out());
            });
            return 0;
        }
    }

    @Command(name = "show", description = "Show a role's permissions.")
    static final class Show extends ServerCommand {

        @Parameters(paramLabel = "NAME", description = "The role's name.")
        String name;

        @Override
        int run(PaasmakerClient client) {
            RoleJson role = client.roles().get(name);
            print(role, () -> role.permissions().forEach(out()::println));
            return 0;
        }
    }

    @Command(name = "set", description = "Create a role, or replace its permissions.")
    static final class Set extends ServerCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The role's name.")
        String name;

        @Parameters(index = "1..*", paramLabel = "PERMISSION", description = "Its permissions: WORKSPACE_VIEW APPLICATION_DEPLOY ...")
        List<String> permissions = List.of();

        @Override
        int run(PaasmakerClient client) {
            RoleJson role = client.roles().save(name, permissions);
            print(role, () -> out().println("Role " + role.name() + ": " + String.join(" ", role.permissions())));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a role and every grant of it.")
    static final class Delete extends ServerCommand {

        @Parameters(paramLabel = "NAME", description = "The role's name.")
        String name;

        @Override
        int run(PaasmakerClient client) {
            client.roles().delete(name);
            if (human()) {
                out().println("Deleted role " + name + ".");
            }
            return 0;
        }
    }
}
