package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker application list|show|delete}. */
@Command(name = "application", aliases = "app", description = "Applications, with their versions and services.",
        subcommands = {ApplicationCommand.ListApplications.class, ApplicationCommand.Show.class,
            ApplicationCommand.Delete.class})
final class ApplicationCommand {

    static final String APP_HELP = "The application: its id, WORKSPACE/NAME, or its NAME in the default workspace.";

    @Command(name = "list", description = "List the applications of a workspace.")
    static final class ListApplications extends ServerCommand {

        @Parameters(arity = "0..1", paramLabel = "WS",
                description = "The workspace's stub or id (default: $PAASMAKER_WORKSPACE, the login's, or the only one).")
        String workspace;

        @Override
        int run(PaasmakerClient client) {
            String ws = workspace(workspace, client);
            List<ApplicationJson> applications = client.workspaces().applications(ws);
            print(applications, () -> {
                if (applications.isEmpty()) {
                    out().println("No applications in workspace " + ws + " yet; deploy one with: paasmaker deploy DIR"
                            + " --workspace " + ws);
                    return;
                }
                Table table = new Table("ID", "NAME", "TAGS");
                applications.forEach(app -> table.row(app.id(), app.name(), Render.tags(app.tags())));
                table.print(out());
            });
            return 0;
        }
    }

    @Command(name = "show", description = "Show an application.")
    static final class Show extends ServerCommand {

        @Parameters(paramLabel = "APP", description = APP_HELP)
        String application;

        @Override
        int run(PaasmakerClient client) {
            ApplicationJson app = client.applications().get(ApplicationRef.resolve(application, client,
                    () -> workspace(null, client)));
            print(app, () -> Render.fields(out(), "Id", app.id(), "Name", app.name(), "Workspace id", app.workspaceId(),
                    "Tags", Render.tags(app.tags())));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete an application's versions, instances and packages; with"
            + " --with-services, its services (and their data) and the application itself too.")
    static final class Delete extends ServerCommand {

        @Parameters(paramLabel = "APP", description = APP_HELP)
        String application;

        @Option(names = "--with-services", description = "Delete its services and their data, and the application.")
        boolean withServices;

        @Option(names = "--detach", description = "Do not follow the job; print its id.")
        boolean detach;

        @Override
        int run(PaasmakerClient client) {
            long id = ApplicationRef.resolve(application, client, () -> workspace(null, client));
            return followJob(client, client.applications().delete(id, withServices),
                    "Deleting application " + application + (withServices ? " with its services" : ""), detach);
        }
    }
}
