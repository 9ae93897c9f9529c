package org.paasmaker.client.cli;

import java.util.Locale;
import org.paasmaker.api.rest.DiskJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code paasmaker disk [APP]}: what the platform holds on its disk, and its free space. */
@Command(name = "disk", description = "What the platform holds on its disk (packages, instances, logs, services,"
        + " jobs, uploads), per application, and the disk's free space; with APP, that application's share.")
final class DiskCommand extends ServerCommand {

    private static final String[] APPLICATION_KINDS = {"packages", "instances", "logs"};
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    @Parameters(paramLabel = "APP", arity = "0..1", description = ApplicationCommand.APP_HELP)
    String application;

    @Override
    int run(PaasmakerClient client) {
        if (application != null) {
            DiskJson.ApplicationDiskJson share = client.applications().disk(ApplicationRef.resolve(application, client,
                    () -> workspace(null, client)));
            print(share, () -> {
                Table table = new Table("KIND", "SIZE");
                share.bytes().forEach((kind, bytes) -> table.row(kind, size(bytes)));
                table.row("total", size(share.totalBytes()));
                out().println(share.workspace() + "/" + share.name() + " (" + share.versions() + " versions):");
                table.print(out());
            });
            return 0;
        }
        DiskJson disk = client.disk();
        print(disk, () -> {
            out().println(disk.home() + " holds " + size(disk.totalBytes()) + "; the disk has " + size(disk.freeBytes())
                    + " free of " + size(disk.diskBytes()) + " (the platform keeps " + size(disk.lowBytes()) + " free)"
                    + (disk.low() ? ": " + style().red("LOW") : ""));
            out().println();
            Table kinds = new Table("KIND", "SIZE");
            disk.bytes().forEach((kind, bytes) -> kinds.row(kind, size(bytes)));
            kinds.print(out());
            if (disk.applications().isEmpty()) {
                return;
            }
            out().println();
            Table applications = new Table("APPLICATION", "VERSIONS", "PACKAGES", "INSTANCES", "LOGS", "TOTAL");
            for (DiskJson.ApplicationDiskJson share : disk.applications()) {
                Object[] row = new Object[6];
                row[0] = share.workspace() + "/" + share.name();
                row[1] = share.versions();
                for (int i = 0; i < APPLICATION_KINDS.length; i++) {
                    row[2 + i] = size(share.bytes().getOrDefault(APPLICATION_KINDS[i], 0L));
                }
                row[5] = size(share.totalBytes());
                applications.row(row);
            }
            applications.print(out());
        });
        return 0;
    }

    /** Sizes as people read them: {@code 12.3 MB} (powers of 1024). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
