package org.paasmaker.client.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.paasmaker.api.rest.NodeJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;

/** {@code paasmaker node list}. */
@Command(name = "node", description = "Nodes: the machines instances run on.", subcommands = {NodeCommand.ListNodes.class})
final class NodeCommand {

    @Command(name = "list", description = "List the nodes: their addresses, states, ports, runtimes and running instances.")
    static final class ListNodes extends ServerCommand {

        @Override
        int run(PaasmakerClient client) {
            List<NodeJson> nodes = client.nodes();
            print(nodes, () -> {
                Table table = new Table("NAME", "ADDRESS", "STATE", "INSTANCES", "PORTS", "RUNTIMES", "TAGS");
                nodes.forEach(node -> table.row(node.name(), node.address(), node.state(), node.runningInstances(),
                        node.ports(),
                        node.runtimes() == null ? "" : node.runtimes().entrySet().stream()
                                .map(runtime -> runtime.getKey() + " " + String.join("/", runtime.getValue()))
                                .collect(Collectors.joining(", ")),
                        Render.tags(node.tags())));
                table.print(out());
            });
            return 0;
        }
    }
}
