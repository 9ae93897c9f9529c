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
 * @param routerPort where the router process listens ({@code PAASMAKER_ROUTER_PORT}, default 8080)
 * @param clusterHostname the suffix of every version's own hostname ({@code PAASMAKER_CLUSTER_HOSTNAME},
 *     default {@code localhost}, so {@code 1.web.hello.dev.localhost} needs no DNS set-up)
 */
public record ServerSettings(Path home, Optional<String> token, PortRange ports, boolean allowDirectorySources,
        long maxUploadBytes, int routerPort, String clusterHostname) {

    static final long DEFAULT_MAX_UPLOAD_BYTES = 512L << 20;
    static final int DEFAULT_ROUTER_PORT = 8080;

    static ServerSettings fromSystem(Path home) {
        return from(home, name -> Optional.ofNullable(System.getenv(name)).or(() -> Optional.ofNullable(System.getProperty(name))));
    }

    static ServerSettings from(Path home, Function<String, Optional<String>> environment) {
        return new ServerSettings(home,
                value(environment, "PAASMAKER_TOKEN"),
                value(environment, "PAASMAKER_PORTS").map(PortRange::parse).orElse(PortRange.DEFAULT),
                value(environment, "PAASMAKER_ALLOW_DIRECTORY_SOURCES").map(Boolean::parseBoolean).orElse(false),
                value(environment, "PAASMAKER_MAX_UPLOAD_BYTES").map(ServerSettings::bytes)
                        .orElse(DEFAULT_MAX_UPLOAD_BYTES),
                value(environment, "PAASMAKER_ROUTER_PORT").map(ServerSettings::port).orElse(DEFAULT_ROUTER_PORT),
                value(environment, "PAASMAKER_CLUSTER_HOSTNAME").orElse("localhost"));
    }

    private static Optional<String> value(Function<String, Optional<String>> environment, String name) {
        return environment.apply(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int port(String text) {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 65535) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "PAASMAKER_ROUTER_PORT is '" + text + "'; give a TCP port from 1 to 65535, such as 8080");
        }
        return Integer.parseInt(text);
    }

    private static long bytes(String text) {
        if (!text.matches("\\d{1,18}") || Long.parseLong(text) == 0) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "PAASMAKER_MAX_UPLOAD_BYTES is '" + text + "'; give a positive number of bytes, such as 536870912");
        }
        return Long.parseLong(text);
    }
}
