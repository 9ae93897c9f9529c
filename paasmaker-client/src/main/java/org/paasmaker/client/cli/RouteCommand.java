package org.paasmaker.client.cli;

import java.util.stream.Collectors;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;

/** {@code paasmaker route list}. */
@Command(name = "route", description = "The routing table: hostnames and their instances.",
        subcommands = {RouteCommand.ListRoutes.class})
final class RouteCommand {

    @Command(name = "list", description = "List the routing table the router serves.")
    static final class ListRoutes extends ServerCommand {

        @Override
        int run(PaasmakerClient client) {
            RoutingTable table = client.routes();
            print(table, () -> {
                out().println("Routing table generation " + table.generation() + ":");
                Table rows = new Table("HOSTNAME", "APPLICATION", "VERSION", "TARGETS");
                table.routes().forEach(route -> rows.row(route.hostname(),
                        route.targets().stream().map(target -> target.application()).distinct()
                                .collect(Collectors.joining(", ")),
                        route.targets().stream().map(target -> String.valueOf(target.version())).distinct()
                                .collect(Collectors.joining(", ")),
                        route.targets().isEmpty() ? "(none: the router answers 503)" : route.targets().stream()
                                .map(target -> target.address()).collect(Collectors.joining(", "))));
                rows.print(out());
            });
            return 0;
        }
    }
}
