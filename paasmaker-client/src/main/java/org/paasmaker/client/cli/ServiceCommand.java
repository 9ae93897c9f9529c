package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.rest.ServiceJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker service list APP}. */
@Command(name = "service", description = "Services: the databases and settings of an application.",
        subcommands = {ServiceCommand.ListServices.class})
final class ServiceCommand {

    @Command(name = "list", description = "List an application's services; their credentials with --credentials"
            + " (json and yaml always have them, their passwords masked unless --credentials).")
    static final class ListServices extends ServerCommand {

        @Parameters(paramLabel = "APP", description = ApplicationCommand.APP_HELP)
        String application;

        @Option(names = "--credentials", description = "Show the credentials too, passwords included.")
        boolean credentials;

        @Override
        int run(PaasmakerClient client) {
            List<ServiceJson> services = client.applications().services(ApplicationRef.resolve(application, client,
                    () -> workspace(null, client)), credentials);
            print(services, () -> {
                if (services.isEmpty()) {
                    out().println(application + " has no services.");
                    return;
                }
                Table table = credentials ? new Table("ID", "NAME", "PLUGIN", "PARAMETERS", "CREDENTIALS")
                        : new Table("ID", "NAME", "PLUGIN", "PARAMETERS");
                services.forEach(service -> {
                    if (credentials) {
                        table.row(service.id(), service.name(), service.plugin(), Render.tags(service.parameters()),
                                Render.tags(service.credentials()));
                    } else {
                        table.row(service.id(), service.name(), service.plugin(), Render.tags(service.parameters()));
                    }
                });
                table.print(out());
            });
            return 0;
        }
    }
}
