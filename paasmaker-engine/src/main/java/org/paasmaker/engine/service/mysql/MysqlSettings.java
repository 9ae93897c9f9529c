package org.paasmaker.engine.service.mysql;

import static org.paasmaker.api.plugin.ParameterType.INTEGER;
import static org.paasmaker.api.plugin.ParameterType.STRING;
import static org.paasmaker.api.plugin.PluginParameter.optional;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.engine.service.server.ServerKind;
import org.paasmaker.engine.service.server.ServerMode;
import org.paasmaker.engine.service.server.ServerSettings;

/**
 * The operator's settings of {@code paasmaker.service.mysql}, read once ({@code PAASMAKER_SERVICE_MYSQL_*}).
 *
 * @param port managed: the port a new data directory gets (0 for a free one); external: the server's
 * @param hostname what applications are given as {@code hostname}
 */
record MysqlSettings(ServerMode mode, int port, Optional<String> host, String hostname, String adminUser,
        Optional<String> adminPassword, Path directory, Optional<Path> binaries, String systemUser,
        String bufferPoolSize, int maxConnections, Duration startTimeout) {

    /** The port the original Paasmaker gave its managed MySQL server. */
    static final int DEFAULT_MANAGED_PORT = 42801;
    static final int DEFAULT_EXTERNAL_PORT = 3306;

    static final List<PluginParameter> DECLARED = List.of(
            optional("mode", STRING, "managed", "managed: the platform initialises and runs one MariaDB server of"
                    + " its own under $PAASMAKER_HOME/services/mysql; external: an operator's MariaDB server, given"
                    + " by host, port, admin_user and admin_password (MySQL 8 takes password hashes in another"
                    + " syntax, and is not supported)."),
            optional("port", INTEGER, "Managed: the port a new server gets (default 42801, as the original's;"
                    + " 0 takes a free one), kept for good once its data directory exists, since applications'"
                    + " credentials name it. External: the server's port (default 3306)."),
            optional("host", STRING, "External (required): the server's address, as the platform reaches it."),
            optional("hostname", STRING, "The address applications are given; default 127.0.0.1 when managed,"
                    + " the host when external."),
            optional("admin_user", STRING, "root", "External: a user that may create users and databases,"
                    + " grant on them and end their sessions (CREATE USER, ALL ... WITH GRANT OPTION,"
                    + " CONNECTION ADMIN)."),
            optional("admin_password", STRING, "External (required): that user's password.").asSecret(),
            optional("directory", STRING, "Managed: the server's data, log and process record; default"
                    + " $PAASMAKER_HOME/services/mysql."),
            optional("binaries", STRING, "Managed: the folder with mariadbd (or mysqld); mariadb-install-db is"
                    + " looked for there and in /usr/bin. Default /usr/sbin (Debian's mariadb-server package)."),
            optional("system_user", STRING, "mysql", "Managed, when the platform runs as root: the system user"
                    + " that owns the data and runs the server (mariadbd refuses root). Not root: the platform's"
                    + " own user runs it."),
            optional("innodb_buffer_pool_size", STRING, "16M", "Managed: MariaDB's innodb_buffer_pool_size (small,"
                    + " for a developer's machine; Debian's default is 128M)."),
            optional("max_connections", INTEGER, 50L, "Managed: MariaDB's max_connections (Debian's: 151)."),
            optional("start_timeout", INTEGER, 30L, "Managed: seconds the server has to accept connections."));

    static MysqlSettings from(PluginSettings settings) {
        ServerSettings common = ServerSettings.read(settings, "paasmaker.service.mysql", ServerKind.MARIADB,
                DEFAULT_MANAGED_PORT, DEFAULT_EXTERNAL_PORT, "mysql");
        String bufferPool = settings.string("innodb_buffer_pool_size").strip();
        if (!bufferPool.matches("\\d+[KMG]?")) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the setting 'innodb_buffer_pool_size'"
                    + " (PAASMAKER_SERVICE_MYSQL_INNODB_BUFFER_POOL_SIZE) of paasmaker.service.mysql is '" + bufferPool
                    + "'; give a size such as 16M");
        }
        return new MysqlSettings(common.mode(), common.port(), common.host(), common.hostname(), common.adminUser(),
                common.adminPassword(), common.directory(), common.binaries(), common.systemUser(), bufferPool,
                common.maxConnections(), common.startTimeout());
    }
}
