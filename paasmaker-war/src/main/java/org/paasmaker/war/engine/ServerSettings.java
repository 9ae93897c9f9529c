package org.paasmaker.war.engine;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;

/**
 * What the server reads from its environment, once, at start. Each {@code PAASMAKER_*} value is an
 * environment variable, or else a Java system property of the same name (jvm.options; the integration
 * tests' server is configured that way, so it never shares a server.env with a user's server).
 *
 * @param home the data directory, as server.xml resolved {@code PAASMAKER_HOME}
 * @param token {@code PAASMAKER_TOKEN}; empty to use (or make) {@code $PAASMAKER_HOME/token}
 * @param allowDirectorySources whether a new version may come from a directory on this machine
 *     ({@code PAASMAKER_ALLOW_DIRECTORY_SOURCES=true}); off by default, since it lets an API caller
 *     read any folder the server can
 * @param maxUploadBytes the largest archive a new version may be uploaded as
 *     ({@code PAASMAKER_MAX_UPLOAD_BYTES}, default 512 MiB)
 */
public record ServerSettings(Path home, Optional<String> token, PortRange ports, boolean allowDirectorySources,
        long maxUploadBytes) {

    static final long DEFAULT_MAX_UPLOAD_BYTES = 512L << 20;

    static ServerSettings fromSystem(Path home) {
        return from(home, name -> Optional.ofNullable(System.getenv(name)).or(() -> Optional.ofNullable(System.getProperty(name))));
    }

    static ServerSettings from(Path home, Function<String, Optional<String>> environment) {
        return new ServerSettings(home,
                value(environment, "PAASMAKER_TOKEN"),
                value(environment, "PAASMAKER_PORTS").map(PortRange::parse).orElse(PortRange.DEFAULT),
                value(environment, "PAASMAKER_ALLOW_DIRECTORY_SOURCES").map(Boolean::parseBoolean).orElse(false),
                value(environment, "PAASMAKER_MAX_UPLOAD_BYTES").map(ServerSettings::bytes)
                        .orElse(DEFAULT_MAX_UPLOAD_BYTES));
    }

    private static Optional<String> value(Function<String, Optional<String>> environment, String name) {
        return environment.apply(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static long bytes(String text) {
        if (!text.matches("\\d{1,18}") || Long.parseLong(text) == 0) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "PAASMAKER_MAX_UPLOAD_BYTES is '" + text + "'; give a positive number of bytes, such as 536870912");
        }
        return Long.parseLong(text);
    }
}
