package org.paasmaker.engine.service.redis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.paasmaker.engine.service.server.Temporary;

/**
 * A service's redis-server as an RDB file: {@code redis-cli --rdb} takes a snapshot from the running
 * server (as a replica would), its password in {@code REDISCLI_AUTH}; it is written to a private file
 * first, since redis-cli leaves the end-of-transfer marker on a dump it writes to standard output. An
 * import checks the file with {@code redis-check-rdb}, then replaces the server's data: one server per
 * service, so stopping it, swapping its data and starting it again is reliable where a key-by-key
 * {@code RESTORE} is not (RESTORE takes DUMP's format, not an RDB file). Clients are disconnected
 * meanwhile. A file the server cannot load leaves the earlier data in place.
 */
final class RedisDumps implements ServiceDumps {

    static final DumpFormat FORMAT = new DumpFormat("application/octet-stream", ".rdb",
            "Redis's RDB snapshot (redis-cli --rdb), loaded by the service's redis-server");
    private static final String PLUGIN = RedisServiceProvider.ID;
    private static final String EXPECTED = "a Redis RDB file, as its export writes";

    private final RedisServers servers;

    RedisDumps(RedisServers servers) {
        this.servers = servers;
    }

    @Override
    public DumpFormat format() {
        return FORMAT;
    }

    @Override
    public void export(ServiceRequest request, PluginParameters credentials, OutputStream out) {
        RedisServers.Server server = running(credentials);
        // Made here (0600) for redis-cli to write into, which would make it readable by all.
        Path file = Temporary.file("paasmaker-redis-export-", ".rdb");
        try {
            ClientTool.Outcome outcome = new ClientTool(servers.settings().cli(), List.of("-h", "127.0.0.1", "-p",
                    Integer.toString(server.port()), "--no-auth-warning", "--rdb", file.toString()),
                    Map.of("REDISCLI_AUTH", server.password())).run();
            if (!outcome.succeeded() || Files.size(file) == 0) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, "cannot export " + describe(request) + "; "
                        + outcome.said());
            }
            Files.copy(file, out);
            out.flush();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the export of " + describe(request) + " broke off: "
                    + e.getMessage(), e);
        } finally {
            Temporary.delete(file);
        }
    }

    @Override
    public void restore(ServiceRequest request, PluginParameters credentials, Path dump) {
        check(dump);
        servers.replaceData(running(credentials), dump);
    }

    /** Refuses what is not a whole RDB file before anything is touched. */
    private void check(Path dump) {
        String head = DumpFiles.text(DumpFiles.head(dump, 64));
        if (!head.matches("(?s)REDIS\\d{4}.*")) {
            throw DumpFiles.refused(PLUGIN, EXPECTED, whatElse(head));
        }
        ClientTool.Outcome checked = new ClientTool(servers.settings().checkRdb(), List.of(dump.toString()), Map.of())
                .run();
        if (!checked.succeeded()) {
            throw DumpFiles.refused(PLUGIN, EXPECTED, "redis-check-rdb finds it damaged or cut short; "
                    + checked.said());
        }
    }

    private static String whatElse(String head) {
        if (head.isEmpty()) {
            return "it is empty";
        }
        if (head.startsWith("PGDMP") || head.contains("PostgreSQL database dump")) {
            return "it is a PostgreSQL dump";
        }
        if (head.contains("MariaDB dump") || head.contains("MySQL dump")) {
            return "it is a MariaDB or MySQL dump";
        }
        return "it does not begin as an RDB file does (REDIS and its version)";
    }

    /** The service's server, started if it is not running. */
    private RedisServers.Server running(PluginParameters credentials) {
        return servers.ensure(DatabaseNames.check(credentials.string("name")), (int) credentials.integer("port"),
                credentials.string("password"));
    }

    private static String describe(ServiceRequest request) {
        return "the service '" + request.serviceName() + "' of " + request.applicationName();
    }
}
