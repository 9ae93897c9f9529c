package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.rest.PluginJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;

/** {@code paasmaker plugin list}. */
@Command(name = "plugin", description = "Plugins: what a manifest may name on this platform.", subcommands = {PluginCommand.ListPlugins.class})
final class PluginCommand {

    @Command(name = "list", description = "List the plugins a manifest may name (json and yaml include their"
            + " parameters).")
    static final class ListPlugins extends ServerCommand {

        @Override
        int run(PaasmakerClient client) {
            List<PluginJson> plugins = client.plugins();
            print(plugins, () -> {
                Table table = new Table("NAME", "ROLE", "PARAMETERS", "SUMMARY");
                plugins.forEach(plugin -> table.row(plugin.name(), plugin.role(),
                        String.join(", ", plugin.parameters().stream().map(parameter -> parameter.name()
                                + (parameter.required() ? "*" : "")).toList()) + (plugin.openParameters() ? " ..." : ""),
                        plugin.summary()));
                table.print(out());
            });
            return 0;
        }
    }
}
