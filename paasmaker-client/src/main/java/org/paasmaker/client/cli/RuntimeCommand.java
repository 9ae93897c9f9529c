package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.rest.RuntimeJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;

/** {@code paasmaker runtime list}. */
@Command(name = "runtime", description = "Runtimes (Java, Python, Node, ...) and their versions.",
        subcommands = {RuntimeCommand.ListRuntimes.class})
final class RuntimeCommand {

    @Command(name = "list", description = "List the runtimes and the versions installed, as a manifest may ask for"
            + " them.")
    static final class ListRuntimes extends ServerCommand {

        @Override
        int run(PaasmakerClient client) {
            List<RuntimeJson> runtimes = client.runtimes();
            print(runtimes, () -> {
                Table table = new Table("RUNTIME", "VERSIONS", "SUMMARY");
                runtimes.forEach(runtime -> table.row(runtime.plugin().name(), String.join(", ", runtime.versions()),
                        runtime.plugin().summary()));
                table.print(out());
            });
            return 0;
        }
    }
}
