package org.paasmaker.client.cli;

import java.util.Locale;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.TrafficStats;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;

/** {@code paasmaker router stats}. */
@Command(name = "router", description = "The router's traffic.", subcommands = {RouterCommand.Stats.class})
final class RouterCommand {

    @Command(name = "stats", description = "Show the router's traffic since it started: per application, version and"
            + " instance, and what reached no instance.")
    static final class Stats extends ServerCommand {

        @Override
        int run(PaasmakerClient client) {
            RouterStatistics stats = client.routerStatistics();
            print(stats, () -> {
                Table table = new Table("APPLICATION", "VERSION", "INSTANCE", "REQUESTS", "BYTES", "2XX", "3XX", "4XX",
                        "5XX", "P50 MS", "P99 MS", "MAX MS");
                stats.applications().forEach(app -> row(table, app.application(), "", "", app.traffic()));
                stats.versions().forEach(version -> row(table, version.application(), version.version(), "",
                        version.traffic()));
                stats.instances().forEach(instance -> row(table, instance.application(), instance.version(),
                        instance.instanceId(), instance.traffic()));
                if (stats.unrouted() != null) {
                    row(table, "(no instance)", "", "", stats.unrouted());
                }
                table.print(out());
            });
            return 0;
        }

        private static void row(Table table, String application, Object version, String instance, TrafficStats traffic) {
            table.row(application, version, instance, traffic.requests(), Render.bytes(traffic.bytes()),
                    traffic.status2xx(), traffic.status3xx(), traffic.status4xx(), traffic.status5xx(),
                    millis(traffic.p50Millis()), millis(traffic.p99Millis()), millis(traffic.maxMillis()));
        }

        private static String millis(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
    }
}
