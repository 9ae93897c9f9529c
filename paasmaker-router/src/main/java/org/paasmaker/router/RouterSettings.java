package org.paasmaker.router;

import org.paasmaker.api.routing.AccessLogLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a router serves: the address and port of its proxy (port 0 picks a free one), the port of its
 * HTTPS listener on the same address (0 picks a free one, {@value #HTTPS_OFF} has none), how many event
 * loops it runs (one per core by default: each client connection and its backend connections stay
 * on one loop), how it spreads requests, how long it waits for a backend to accept a connection, how
 * long a client's keep-alive connection may sit between requests, where it appends its access log
 * (none when empty) and how much of it it keeps, and how long it remembers the traffic of an instance
 * no table routes to any more.
 */
public record RouterSettings(String bindAddress, int port, int httpsPort, int eventLoops, Balancing balancing, Duration connectTimeout,
        Duration idleTimeout, Optional<Path> accessLog, AccessLogLimit accessLogLimit, Duration statisticsRetention) {

    /** The router's port when nothing else is said (PAASMAKER_ROUTER_PORT overrides it in the engine). */
    public static final int DEFAULT_PORT = 8080;
    /** The router process's HTTPS port when nothing else is said (PAASMAKER_ROUTER_HTTPS_PORT overrides it). */
    public static final int DEFAULT_HTTPS_PORT = 8443;
    /** The HTTPS port that means no HTTPS listener. */
    public static final int HTTPS_OFF = -1;
    /** Long enough to compare an old version's traffic with the new one's after a switch. */
    public static final Duration DEFAULT_STATISTICS_RETENTION = Duration.ofHours(1);

    public RouterSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the router's port is 0 (any free one) to 65535, not " + port);
        }
        if (httpsPort < HTTPS_OFF || httpsPort > 65535) {
            throw new IllegalArgumentException("the router's HTTPS port is 0 (any free one) to 65535, or " + HTTPS_OFF
                    + " for none, not " + httpsPort);
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("the router needs at least one event loop, not " + eventLoops);
        }
        Objects.requireNonNull(balancing, "balancing");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the router's connect timeout is positive, not " + connectTimeout);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the router's idle timeout is positive, not " + idleTimeout);
        }
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(accessLogLimit, "accessLogLimit");
        if (statisticsRetention.isNegative()) {
            throw new IllegalArgumentException("the router's statistics retention is 0 or more, not " + statisticsRetention);
        }
    }

    /**
     * All interfaces, no HTTPS listener (an embedder or a test asks for one with {@link #withHttpsPort}),
     * one event loop per core, round robin, 5 s to connect, 75 s idle (as nginx), no access
     * log, an unrouted instance's traffic remembered for an hour.
     */
    public static RouterSettings onPort(int port) {
        return new RouterSettings("0.0.0.0", port, HTTPS_OFF, java.lang.Runtime.getRuntime().availableProcessors(),
                Balancing.ROUND_ROBIN, Duration.ofSeconds(5), Duration.ofSeconds(75), Optional.empty(),
                AccessLogLimit.DEFAULT, DEFAULT_STATISTICS_RETENTION);
    }

    public RouterSettings withBindAddress(String address) {
        return new RouterSettings(address, port, httpsPort, eventLoops, balancing, connectTimeout, idleTimeout, accessLog,
                accessLogLimit, statisticsRetention);
    }

    /** Listens for HTTPS on this port too (0: any free one), or on none with {@value #HTTPS_OFF}. */
    public RouterSettings withHttpsPort(int https) {
        return new RouterSettings(bindAddress, port, https, eventLoops, balancing, connectTimeout, idleTimeout, accessLog,
                accessLogLimit, statisticsRetention);
    }

    public boolean servesHttps() {
        return httpsPort != HTTPS_OFF;
    }

    public RouterSettings withEventLoops(int loops) {
        return new RouterSettings(bindAddress, port, httpsPort, loops, balancing, connectTimeout, idleTimeout, accessLog,
                accessLogLimit, statisticsRetention);
    }

    public RouterSettings withBalancing(Balancing how) {
        return new RouterSettings(bindAddress, port, httpsPort, eventLoops, how, connectTimeout, idleTimeout, accessLog,
                accessLogLimit, statisticsRetention);
    }

    public RouterSettings withConnectTimeout(Duration timeout) {
        return new RouterSettings(bindAddress, port, httpsPort, eventLoops, balancing, timeout, idleTimeout, accessLog,
                accessLogLimit, statisticsRetention);
    }

    public RouterSettings withIdleTimeout(Duration timeout) {
        return new RouterSettings(bindAddress, port, httpsPort, eventLoops, balancing, connectTimeout, timeout, accessLog,
                accessLogLimit, statisticsRetention);
    }

    public RouterSettings withAccessLog(Path file) {
        return new RouterSettings(bindAddress, port, httpsPort, eventLoops, balancing, connectTimeout, idleTimeout, Optional.of(file),
                accessLogLimit, statisticsRetention);
    }

    public RouterSettings withoutAccessLog() {
        return new RouterSettings(bindAddress, port, httpsPort, eventLoops, balancing, connectTimeout, idleTimeout, Optional.empty(),
                accessLogLimit, statisticsRetention);
    }

    public RouterSettings withAccessLogLimit(AccessLogLimit limit) {
        return new RouterSettings(bindAddress, port, httpsPort, eventLoops, balancing, connectTimeout, idleTimeout, accessLog,
                limit, statisticsRetention);
    }

    /** How long the traffic of an instance that no table routes to any more stays in the statistics. */
    public RouterSettings withStatisticsRetention(Duration retention) {
        return new RouterSettings(bindAddress, port, httpsPort, eventLoops, balancing, connectTimeout, idleTimeout, accessLog,
                accessLogLimit, retention);
    }
}
