package org.paasmaker.engine.service.redis;

import static org.paasmaker.api.plugin.ParameterType.INTEGER;
import static org.paasmaker.api.plugin.ParameterType.STRING;
import static org.paasmaker.api.plugin.PluginParameter.optional;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;

/**
 * The operator's settings of {@code paasmaker.service.managedredis}, read once
 * ({@code PAASMAKER_SERVICE_MANAGEDREDIS_*}).
 *
 * @param firstPort the first port of the range each service's server takes one of
 * @param lastPort the last port of that range
 */
record RedisSettings(Path directory, Path binary, String systemUser, int firstPort, int lastPort, String hostname,
        String maxMemory, Duration startTimeout) {

    static final List<PluginParameter> DECLARED = List.of(
            optional("directory", STRING, "A folder per service's server (its data, settings, log, password) and"
                    + " their process records; default $PAASMAKER_HOME/services/redis."),
            optional("binary", STRING, "/usr/bin/redis-server", "redis-server (Debian's redis-server package)."),
            optional("system_user", STRING, "redis", "When the platform runs as root: the system user that owns"
                    + " the servers' folders and runs them. Not root: the platform's own user runs them."),
            optional("ports", STRING, "42810-42899", "The ports the servers take, one each: first-last."),
            optional("hostname", STRING, "127.0.0.1", "The address applications are given; the servers listen"
                    + " on 127.0.0.1 only."),
            optional("maxmemory", STRING, "32mb", "Each server's maxmemory (writes beyond it are refused:"
                    + " noeviction)."),
            optional("start_timeout", INTEGER, 20L, "Seconds a server has to answer."));

    /** redis-cli, next to redis-server (Debian's redis-tools, which redis-server depends on). */
    Path cli() {
        return binary.resolveSibling("redis-cli");
    }

    /** redis-check-rdb, next to redis-server. */
    Path checkRdb() {
        return binary.resolveSibling("redis-check-rdb");
    }

    static RedisSettings from(PluginSettings settings) {
        String ports = settings.string("ports").strip();
        String[] range = ports.split("-");
        int first;
        int last;
        try {
            first = Integer.parseInt(range[0].strip());
            last = range.length == 2 ? Integer.parseInt(range[1].strip()) : -1;
        } catch (NumberFormatException e) {
            first = -1;
            last = -1;
        }
        if (range.length != 2 || first < 1 || last > 65535 || first > last) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the setting 'ports'"
                    + " (PAASMAKER_SERVICE_MANAGEDREDIS_PORTS) of paasmaker.service.managedredis is '" + ports
                    + "'; give a range of TCP ports such as 42810-42899");
        }
        String maxMemory = settings.string("maxmemory").strip().toLowerCase(java.util.Locale.ROOT);
        if (!maxMemory.matches("\\d+(b|kb|mb|gb)?")) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the setting 'maxmemory'"
                    + " (PAASMAKER_SERVICE_MANAGEDREDIS_MAXMEMORY) of paasmaker.service.managedredis is '" + maxMemory
                    + "'; give a size such as 32mb");
        }
        long timeout = settings.integer("start_timeout");
        if (timeout < 1) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the setting 'start_timeout'"
                    + " (PAASMAKER_SERVICE_MANAGEDREDIS_START_TIMEOUT) of paasmaker.service.managedredis is " + timeout
                    + "; give at least 1 second");
        }
        Path directory = settings.findString("directory").map(Path::of)
                .orElse(settings.home().resolve("services").resolve("redis")).toAbsolutePath().normalize();
        return new RedisSettings(directory, Path.of(settings.string("binary")), settings.string("system_user"), first,
                last, settings.string("hostname"), maxMemory, Duration.ofSeconds(timeout));
    }
}
