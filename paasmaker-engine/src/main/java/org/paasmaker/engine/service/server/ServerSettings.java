package org.paasmaker.engine.service.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginSettings;

/**
 * The settings every database server plugin has (mode, address, admin, folder, limits), read and
 * checked once for all of them; each plugin adds its own server's few.
 *
 * @param port managed: the port a new data directory gets (0 for a free one); external: the server's
 * @param hostname what applications are given as {@code hostname}
 */
public record ServerSettings(ServerMode mode, int port, Optional<String> host, String hostname, String adminUser,
        Optional<String> adminPassword, Path directory, Optional<Path> binaries, String systemUser,
        int maxConnections, Duration startTimeout) {

    /**
     * Reads {@code plugin}'s settings; a managed server's folder defaults to
     * {@code $PAASMAKER_HOME/services/<folder>}.
     */
    public static ServerSettings read(PluginSettings settings, String plugin, ServerKind kind, int managedPort,
            int externalPort, String folder) {
        String variables = plugin.replace('.', '_').toUpperCase(Locale.ROOT);
        ServerMode mode = ServerMode.fromWire(settings.string("mode"), kind);
        Optional<String> host = settings.findString("host").filter(h -> !h.isBlank());
        Optional<String> password = settings.findString("admin_password");
        if (mode == ServerMode.EXTERNAL && (host.isEmpty() || password.isEmpty())) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, plugin + " in external mode"
                    + " needs the server's address and an admin's password: set host"
                    + " (" + variables + "_HOST) and admin_password (" + variables + "_ADMIN_PASSWORD)");
        }
        long port = settings.findInteger("port").orElse((long) (mode == ServerMode.MANAGED ? managedPort : externalPort));
        if (port < (mode == ServerMode.MANAGED ? 0 : 1) || port > 65535) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the setting 'port' (" + variables + "_PORT)"
                    + " of " + plugin + " is " + port + "; give a TCP port from 1 to 65535"
                    + (mode == ServerMode.MANAGED ? ", or 0 for a free one" : ""));
        }
        long connections = settings.integer("max_connections");
        long timeout = settings.integer("start_timeout");
        if (connections < 5 || timeout < 1) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, plugin + " needs max_connections"
                    + " of at least 5 and a start_timeout of at least 1 s, not " + connections + " and " + timeout);
        }
        String hostname = settings.findString("hostname").filter(h -> !h.isBlank())
                .orElse(mode == ServerMode.MANAGED ? "127.0.0.1" : host.orElse(""));
        Path directory = settings.findString("directory").map(Path::of)
                .orElse(settings.home().resolve("services").resolve(folder)).toAbsolutePath().normalize();
        return new ServerSettings(mode, (int) port, host, hostname, settings.string("admin_user"), password, directory,
                settings.findString("binaries").map(Path::of), settings.string("system_user"), (int) connections,
                Duration.ofSeconds(timeout));
    }
}
