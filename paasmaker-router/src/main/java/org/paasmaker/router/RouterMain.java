package org.paasmaker.router;

import io.netty.util.ResourceLeakDetector;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.RouterHome;
import org.paasmaker.api.routing.RoutingTable;

/**
 * The router as a process of its own: {@code java -jar paasmaker-router.jar [options]} (see
 * {@link RouterOptions#USAGE}).
 *
 * <p>It serves the table it last persisted in its home at once, before anyone sends a new one, so
 * that a restarted router (or one restarted while the controller is away) routes as before. Then it
 * opens its control channel on loopback and writes the channel's port to {@code control.port} (the
 * engine that launched it waits for that file and pushes tables there); with {@code --follow} it also
 * follows the controller's route feed ({@link Follower}). It appends its access log to
 * {@code access.log}, renamed to {@code access.log.1} ... when it reaches its size, and stops on
 * SIGTERM.
 */
public final class RouterMain {

    private RouterMain() {
    }

    /**
     * Not for operators: the engine runs a router with this option once, under
     * {@code -XX:ArchiveClassesAtExit}, to make the class data sharing archive that later routers start
     * from. It starts as any router does, answers one request on each of its ports, and exits.
     */
    static final String CDS_TRAINING = "--cds-training";

    /** The system property by which Netty's leak detection is asked for. */
    static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    /** The JDK's switch for Nagle's algorithm on its HTTP server's connections (the control channel's). */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    public static void main(String[] args) throws Exception {
        chooseLeakDetection(System.getProperties());
        chooseNoDelay(System.getProperties());
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean training = arguments.remove(CDS_TRAINING);
        RouterOptions options;
        try {
            options = RouterOptions.parse(arguments, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            RouterHome home = options.home();
            // A router on a machine of its own starts with no home at all.
            home.secret();
            home.forgetControlPort();
            TableFile file = new TableFile(home);
            RoutingTable table = file.table().orElse(RoutingTable.EMPTY);
            Router router = Router.start(options.settings(), table);
            AcceptedTables tables = new AcceptedTables(router, file);
            ControlServer control = new ControlServer(tables, home);
            Optional<Follower> follower = options.follow().isEmpty() ? Optional.empty()
                    : Optional.of(new Follower(options.follow(), options.token().orElseThrow(), options.name(), tables,
                            System.out::println).start());
            CountDownLatch stopped = new CountDownLatch(1);
            java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                follower.ifPresent(Follower::close);
                control.close();
                router.close();
                stopped.countDown();
            }, "router-shutdown"));
            home.saveControlPort(control.port());
            if (training) {
                train(home, router.port(), control.port());
            }
            System.out.println("Paasmaker router (pid " + ProcessHandle.current().pid() + ") serves table generation "
                    + table.generation() + " on port " + router.port()
                    + (router.httpsPort() == RouterSettings.HTTPS_OFF ? "" : ", HTTPS on port " + router.httpsPort()
                            + tls(table))
                    + "; control channel on 127.0.0.1:"
                    + control.port() + "; home " + home.directory()
                    + (options.follow().isEmpty() ? "" : "; follows " + String.join(", ", options.follow().stream()
                            .map(URI::toString).toList()) + " as '" + options.name() + "'"));
            stopped.await();
        } catch (PaasmakerException e) {
            System.err.println(e.getMessage());
            System.exit(e.code().exitCode());
        }
    }

    /** Exits either way: the control channel's server thread would keep the JVM alive after a failure. */
    private static void train(RouterHome home, int proxyPort, int controlPort) {
        try {
            CdsTraining.run(home, proxyPort, controlPort);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * A router process runs without Netty's leak detection unless it is asked for by its property.
     * Its default level wraps one buffer in 128 and touches every message on every pipeline: 3 to 11%
     * of the router's user time a request, side by side in bench/router-ab.sh (docs/benchmarks.md).
     * Tests keep it, as they start {@link Router} itself.
     */
    static void chooseLeakDetection(Properties properties) {
        if (properties.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * Nagle's algorithm off on the control channel unless asked for: with it on, an answer's body
     * waits for the engine's delayed acknowledgement of its headers, some 40 ms for every health,
     * statistics or table read on a connection kept open.
     */
    static void chooseNoDelay(Properties properties) {
        if (properties.getProperty(NO_DELAY) == null) {
            properties.setProperty(NO_DELAY, "true");
        }
    }

    /**
     * Which TLS serves, when a certificate made it load already: finding out loads Netty's native
     * BoringSSL (and tests it), a second of a start and some megabytes that a router with no
     * certificate need not spend.
     */
    private static String tls(RoutingTable table) {
        return table.certificates().isEmpty() ? " (no certificate yet)" : " with " + Router.tlsProvider();
    }
}
