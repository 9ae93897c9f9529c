package org.paasmaker.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.ServiceJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker service list APP}, {@code export ID}, {@code import ID FILE}. */
@Command(name = "service", description = "Services: the databases and settings of an application.",
        subcommands = {ServiceCommand.ListServices.class, ServiceCommand.Export.class, ServiceCommand.Import.class})
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

    @Command(name = "export", description = "Write a service's data as a dump (PostgreSQL: pg_dump's custom format;"
            + " MySQL: mariadb-dump's SQL; Redis: an RDB file) to a file, or to standard output.")
    static final class Export extends ServerCommand {

        @Parameters(paramLabel = "ID", description = "The service's id, as 'paasmaker service list APP' shows it.")
        long id;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "Where to write the dump; it appears only once complete. Default: standard output.")
        Path file;

        @Override
        int run(PaasmakerClient client) {
            if (file == null) {
                if (context().terminal()) {
                    throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "a dump is binary; give a file with --file"
                            + " FILE, or send standard output to a file or a pipe");
                }
                client.services().export(id, context().stdout());
                return 0;
            }
            client.services().export(id, file);
            progress().println("Exported service " + id + " to " + file + " (" + size(file) + " bytes).");
            progress().flush();
            return 0;
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return -1;
            }
        }
    }

    @Command(name = "import", description = "Replace a service's data with a dump, as 'service export' writes it."
            + " The server checks the dump first, and one that fails to load leaves the data as it was.")
    static final class Import extends ServerCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The service's id, as 'paasmaker service list APP'"
                + " shows it.")
        long id;

        @Parameters(index = "1", paramLabel = "FILE", description = "The dump.")
        Path file;

        @Override
        int run(PaasmakerClient client) {
            client.services().importDump(id, file);
            progress().println("Imported " + file + " into service " + id + "; its earlier data is replaced.");
            progress().flush();
            return 0;
        }
    }
}
