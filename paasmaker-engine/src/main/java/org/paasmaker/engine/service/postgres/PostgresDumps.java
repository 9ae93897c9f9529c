package org.paasmaker.engine.service.postgres;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * A service's database as pg_dump's custom format ({@code pg_dump --format=custom --no-owner
 * --no-privileges}, as its own role), restored with {@code pg_restore --no-owner --no-privileges
 * --single-transaction --exit-on-error} as its role into the database dropped and made again.
 *
 * <p>Custom format rather than plain SQL: plain SQL is loaded by psql, which also runs the meta-commands
 * a file may hold ({@code \!} runs a shell command on the platform's machine, as the platform), while
 * pg_restore only sends SQL to the server, where the service's role can do no more than it may anyway.
 * The archive is also checked whole ({@code pg_restore --file=/dev/null} reads every part of it) before
 * the data is touched, is compressed, and restores as this service's role whoever owned the objects it
 * was dumped from. A failed import puts the earlier data back ({@link SafeRestore}).
 */
final class PostgresDumps implements ServiceDumps {

    static final DumpFormat FORMAT = new DumpFormat("application/octet-stream", ".dump",
            "pg_dump's custom format (pg_dump --format=custom --no-owner --no-privileges), restored with pg_restore");
    private static final String PLUGIN = PostgresServiceProvider.ID;
    private static final String EXPECTED = "pg_dump's custom format (pg_dump --format=custom), as its export writes";

    private final PostgresServer server;

    PostgresDumps(PostgresServer server) {
        this.server = server;
    }

    @Override
    public DumpFormat format() {
        return FORMAT;
    }

    @Override
    public void export(ServiceRequest request, PluginParameters credentials, OutputStream out) {
        reachable();
        ClientTool.Outcome outcome = dump(credentials, List.of()).runTo(out);
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
        SafeRestore.replace(describe(request), new SafeRestore.Steps() {
            @Override
            public ClientTool.Outcome export(Path to) {
                return dump(credentials, List.of("--file=" + to)).run();
            }

            @Override
            public void empty() {
                server.asAdmin(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("DROP DATABASE IF EXISTS " + DatabaseNames.quoted(database) + " WITH (FORCE)");
                    }
                    PostgresService.ensureDatabase(connection, database);
                    return null;
                });
            }

            @Override
            public ClientTool.Outcome load(Path file) {
                return tool(server.clients().pgRestore(), credentials, List.of("--no-owner", "--no-privileges",
                        "--single-transaction", "--exit-on-error", file.toString())).run();
            }
        }, dump);
    }

    /** Refuses what is not a whole custom-format archive before anything is touched. */
    private void check(Path dump) {
        String head = DumpFiles.text(DumpFiles.head(dump, 4096));
        if (!head.startsWith("PGDMP")) {
            throw DumpFiles.refused(PLUGIN, EXPECTED, whatElse(head));
        }
        ClientTool.Outcome read = new ClientTool(server.clients().pgRestore(), List.of("--file=/dev/null",
                dump.toString()), Map.of()).run();
        if (!read.succeeded()) {
            throw DumpFiles.refused(PLUGIN, EXPECTED, "pg_restore cannot read it whole (truncated or damaged); "
                    + read.said());
        }
    }

    static String whatElse(String head) {
        if (head.isEmpty()) {
            return "it is empty";
        }
        if (head.contains("PostgreSQL database dump")) {
            return "it is a plain-SQL pg_dump, which this platform does not load (psql would run any shell command"
                    + " in it); make one with pg_dump --format=custom";
        }
        if (head.contains("MariaDB dump") || head.contains("MySQL dump")) {
            return "it is a MariaDB or MySQL dump";
        }
        if (head.startsWith("REDIS")) {
            return "it is a Redis RDB file";
        }
        return "it does not begin as pg_dump's custom format does (PGDMP)";
    }

    private ClientTool dump(PluginParameters credentials, List<String> more) {
        List<String> arguments = new ArrayList<>(List.of("--format=custom", "--no-owner", "--no-privileges"));
        arguments.addAll(more);
        return tool(server.clients().pgDump(), credentials, arguments);
    }

    /** The program as the service's role on its database, its password in PGPASSWORD. */
    private ClientTool tool(Path program, PluginParameters credentials, List<String> more) {
        List<String> arguments = new ArrayList<>(List.of("--host=" + server.host(), "--port=" + server.port(),
                "--username=" + DatabaseNames.check(credentials.string("username")),
                "--dbname=" + DatabaseNames.check(credentials.string("database")), "--no-password"));
        arguments.addAll(more);
        return new ClientTool(program, arguments, Map.of("PGPASSWORD", credentials.string("password"),
                "PGCONNECT_TIMEOUT", "10", "PGAPPNAME", "paasmaker"));
    }

    /** A managed server started if it is not running. */
    private void reachable() {
        server.asAdmin(connection -> null);
    }

    private static String describe(ServiceRequest request) {
        return "the service '" + request.serviceName() + "' of " + request.applicationName();
    }
}
