package org.paasmaker.engine.service.mysql;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.DumpFormat;
import org.paasmaker.api.service.ServiceDumps;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.service.server.ClientTool;
import org.paasmaker.engine.service.server.DatabaseNames;
import org.paasmaker.engine.service.server.DumpFiles;
import org.paasmaker.engine.service.server.SafeRestore;
import org.paasmaker.engine.service.server.Temporary;

/**
 * A service's database as mariadb-dump's SQL ({@code mariadb-dump --single-transaction --routines
 * --triggers --hex-blob}, as its own user, without {@code CREATE DATABASE} or {@code USE}, so that it
 * loads into any database), loaded by the {@code mariadb} client as that user in {@code --sandbox}
 * mode (no shell or file commands from the file) with {@code LOAD DATA LOCAL} off, into the database
 * dropped and made again. MariaDB commits each table's DDL on its own, so a failed import puts the
 * earlier data back ({@link SafeRestore}). The user's password reaches the programs in an option file
 * of mode 0600 that only they read ({@code --defaults-file}), which also keeps the machine's
 * {@code /etc/mysql} settings out.
 */
final class MysqlDumps implements ServiceDumps {

    static final DumpFormat FORMAT = new DumpFormat("application/sql", ".sql",
            "mariadb-dump's SQL (mariadb-dump --single-transaction --routines --triggers), loaded with mariadb");
    private static final String PLUGIN = MysqlServiceProvider.ID;
    private static final String EXPECTED = "the SQL of mariadb-dump or mysqldump, as its export writes";

    private final MysqlServer server;

    MysqlDumps(MysqlServer server) {
        this.server = server;
    }

    @Override
    public DumpFormat format() {
        return FORMAT;
    }

    @Override
    public void export(ServiceRequest request, PluginParameters credentials, OutputStream out) {
        reachable();
        ClientTool.Outcome outcome = withOptions(credentials, options -> dump(options, credentials).runTo(out));
        if (!outcome.succeeded()) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "cannot export " + describe(request) + "; "
                    + outcome.said());
        }
    }

    @Override
    public void restore(ServiceRequest request, PluginParameters credentials, Path dump) {
        check(dump);
        reachable();
        String database = DatabaseNames.check(credentials.string("database"));
        withOptions(credentials, options -> {
            SafeRestore.replace(describe(request), new SafeRestore.Steps() {
                @Override
                public ClientTool.Outcome export(Path to) {
                    return dump(options, credentials, "--result-file=" + to).run();
                }

                @Override
                public void empty() {
                    server.asAdmin(connection -> {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("DROP DATABASE IF EXISTS " + DatabaseNames.backquoted(database));
                            // Its user's grant names the database, and holds for the new one.
                            MysqlService.createDatabase(statement, database);
                        }
                        return null;
                    });
                }

                @Override
                public ClientTool.Outcome load(Path file) {
                    return new ClientTool(server.clients().client(), List.of("--defaults-file=" + options, "--sandbox",
                            "--local-infile=0", "--batch", "--database=" + database), Map.of()).runFrom(file);
                }
            }, dump);
            return null;
        });
    }

    /** Refuses what is not a whole mariadb-dump before anything is touched. */
    private static void check(Path dump) {
        String head = DumpFiles.text(DumpFiles.head(dump, 4096));
        if (!(head.contains("-- MariaDB dump") || head.contains("-- MySQL dump"))) {
            throw DumpFiles.refused(PLUGIN, EXPECTED, whatElse(head));
        }
        if (!DumpFiles.text(DumpFiles.tail(dump, 256)).contains("-- Dump completed")) {
            throw DumpFiles.refused(PLUGIN, EXPECTED, "it does not end with '-- Dump completed' as a whole dump does:"
                    + " it was cut short");
        }
    }

    private static String whatElse(String head) {
        if (head.isEmpty()) {
            return "it is empty";
        }
        if (head.startsWith("PGDMP") || head.contains("PostgreSQL database dump")) {
            return "it is a PostgreSQL dump";
        }
        if (head.startsWith("REDIS")) {
            return "it is a Redis RDB file";
        }
        return "it does not begin with mariadb-dump's header (-- MariaDB dump)";
    }

    private ClientTool dump(Path options, PluginParameters credentials, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--defaults-file=" + options, "--single-transaction",
                "--routines", "--triggers", "--hex-blob", "--no-tablespaces"));
        arguments.addAll(List.of(more));
        arguments.add(DatabaseNames.check(credentials.string("database")));
        return new ClientTool(server.clients().dump(), arguments, Map.of());
    }

    /** The work with an option file of the service's user and password, deleted afterwards. */
    private <T> T withOptions(PluginParameters credentials, Function<Path, T> work) {
        Path options = Temporary.secret("paasmaker-mariadb-", String.join("\n", "[client]",
                "user=" + DatabaseNames.check(credentials.string("username")),
                "password=" + credentials.string("password"),
                "host=" + server.host(),
                "port=" + server.port(),
                "protocol=TCP",
                ""));
        try {
            return work.apply(options);
        } finally {
            Temporary.delete(options);
        }
    }

    /** A managed server started if it is not running. */
    private void reachable() {
        server.asAdmin(connection -> null);
    }

    private static String describe(ServiceRequest request) {
        return "the service '" + request.serviceName() + "' of " + request.applicationName();
    }
}
