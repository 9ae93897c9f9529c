package org.paasmaker.engine.service.postgres;

import static org.paasmaker.api.plugin.ParameterType.INTEGER;
import static org.paasmaker.api.plugin.ParameterType.STRING;
import static org.paasmaker.api.plugin.PluginParameter.optional;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.engine.service.server.ServerKind;
import org.paasmaker.engine.service.server.ServerMode;
import org.paasmaker.engine.service.server.ServerSettings;

/**
 * The operator's settings of {@code paasmaker.service.postgres}, read once ({@code PAASMAKER_SERVICE_POSTGRES_*}).
 *
 * @param port managed: the port a new data directory gets (0 for a free one); external: the server's
 * @param hostname what applications are given as {@code hostname}
 */
record PostgresSettings(ServerMode mode, int port, Optional<String> host, String hostname, String adminUser,
        Optional<String> adminPassword, String adminDatabase, Path directory, Optional<Path> binaries,
        String systemUser, String sharedBuffers, int maxConnections, Duration startTimeout) {

    /** The port the original Paasmaker gave its managed PostgreSQL server. */
    static final int DEFAULT_MANAGED_PORT = 42800;
    static final int DEFAULT_EXTERNAL_PORT = 5432;

    static final List<PluginParameter> DECLARED = List.of(
            optional("mode", STRING, "managed", "managed: the platform initialises and runs one PostgreSQL server"
                    + " of its own under $PAASMAKER_HOME/services/postgres; external: an operator's server, given by"
                    + " host, port, admin_user and admin_password."),
            optional("port", INTEGER, "Managed: the port a new server gets (default 42800, as the original's;"
                    + " 0 takes a free one), kept for good once its data directory exists, since applications'"
                    + " credentials name it. External: the server's port (default 5432)."),
            optional("host", STRING, "External (required): the server's address, as the platform reaches it."),
            optional("hostname", STRING, "The address applications are given; default 127.0.0.1 when managed,"
                    + " the host when external."),
            optional("admin_user", STRING, "postgres", "External: a role that may create roles and databases"
                    + " (a superuser, or CREATEROLE and CREATEDB)."),
            optional("admin_password", STRING, "External (required): that role's password.").asSecret(),
            optional("admin_database", STRING, "postgres", "External: the database the platform connects to"
                    + " when it creates or drops the others."),
            optional("directory", STRING, "Managed: the server's data, log and process record; default"
                    + " $PAASMAKER_HOME/services/postgres."),
            optional("binaries", STRING, "Managed: the folder with initdb and postgres; default the newest"
                    + " /usr/lib/postgresql/*/bin (Debian's postgresql package)."),
            optional("system_user", STRING, "postgres", "Managed, when the platform runs as root: the system"
                    + " user that owns the data and runs the server (initdb refuses root). Not root: the"
                    + " platform's own user runs it."),
            optional("shared_buffers", STRING, "16MB", "Managed: PostgreSQL's shared_buffers (small, for a"
                    + " developer's machine; Debian's default is 128MB)."),
            optional("max_connections", INTEGER, 50L, "Managed: PostgreSQL's max_connections (Debian's: 100)."),
            optional("start_timeout", INTEGER, 30L, "Managed: seconds the server has to accept connections."));

    static PostgresSettings from(PluginSettings settings) {
        ServerSettings common = ServerSettings.read(settings, "paasmaker.service.postgres", ServerKind.POSTGRES,
                DEFAULT_MANAGED_PORT, DEFAULT_EXTERNAL_PORT, "postgres");
        return new PostgresSettings(common.mode(), common.port(), common.host(), common.hostname(), common.adminUser(),
                common.adminPassword(), settings.string("admin_database"), common.directory(), common.binaries(),
                common.systemUser(), settings.string("shared_buffers"), common.maxConnections(), common.startTimeout());
    }
}
