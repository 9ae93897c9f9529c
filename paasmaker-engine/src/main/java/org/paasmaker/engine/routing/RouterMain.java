package org.paasmaker.engine.routing;

import org.paasmaker.api.routing.RoutingTable;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The router as a process of its own:
 * {@code java -cp ... org.paasmaker.engine.routing.RouterMain <state directory> <proxy port>
 * [--event-loops=N] [--balancing=round-robin|least-connections] [--bind=ADDRESS] [--no-access-log]
 * [--access-log-bytes=N] [--access-logs-kept=N]}.
 *
 * <p>It serves the table it last persisted in the state directory at once, before anyone pushes a
 * new one, so that a restarted router (or one restarted with a dead engine) routes as before. Then
 * it opens its control channel and writes the channel's port to {@code control.port}; the engine
 * waits for that file. It appends its access log to {@code access.log}, renamed to {@code access.log.1} ...
 * when it reaches its size ({@link AccessLogLimit}), and stops on SIGTERM.
 */
public final class RouterMain {

    private RouterMain() {
    }

    public static void main(String[] args) throws Exception {
        RouterSettings settings;
        StateFiles files;
        try {
            if (args.length < 2) {
                throw new IllegalArgumentException("usage: RouterMain <state directory> <proxy port>"
                        + " [--event-loops=N] [--balancing=round-robin|least-connections] [--bind=ADDRESS] [--no-access-log]"
                        + " [--access-log-bytes=N] [--access-logs-kept=N]");
            }
            files = new StateFiles(Path.of(args[0]));
            settings = settings(args, files);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            files.forgetControlPort();
            RoutingTable table = files.table().orElse(RoutingTable.EMPTY);
            Router router = Router.start(settings, table);
            ControlServer control = new ControlServer(router, files);
            CountDownLatch stopped = new CountDownLatch(1);
            java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                control.close();
                router.close();
                stopped.countDown();
            }, "router-shutdown"));
            files.saveControlPort(control.port());
            System.out.println("Paasmaker router (pid " + ProcessHandle.current().pid() + ") serves table generation "
                    + table.generation() + " on port " + router.port() + "; control channel on 127.0.0.1:"
                    + control.port());
            stopped.await();
        } catch (PaasmakerException e) {
            System.err.println(e.getMessage());
            System.exit(e.code().exitCode());
        }
    }

    private static RouterSettings settings(String[] args, StateFiles files) {
        int port;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the proxy port is a number, not '" + args[1] + "'");
        }
        RouterSettings settings = RouterSettings.onPort(port).withAccessLog(files.file(StateFiles.ACCESS_LOG));
        long accessLogBytes = AccessLogLimit.DEFAULT.maxBytes();
        int accessLogsKept = AccessLogLimit.DEFAULT.kept();
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            if (option.startsWith("--access-log-bytes=")) {
                accessLogBytes = Long.parseLong(option.substring("--access-log-bytes=".length()));
            } else if (option.startsWith("--access-logs-kept=")) {
                accessLogsKept = Integer.parseInt(option.substring("--access-logs-kept=".length()));
            } else if (option.startsWith("--event-loops=")) {
                settings = settings.withEventLoops(Integer.parseInt(option.substring("--event-loops=".length())));
            } else if (option.startsWith("--balancing=")) {
                settings = settings.withBalancing(Balancing.fromWire(option.substring("--balancing=".length())));
            } else if (option.equals("--no-access-log")) {
                settings = settings.withoutAccessLog();
            } else if (option.startsWith("--bind=")) {
                settings = settings.withBindAddress(option.substring("--bind=".length()));
            } else {
                throw new IllegalArgumentException("unknown option '" + option + "'; the router takes --event-loops=N,"
                        + " --balancing=round-robin|least-connections, --bind=ADDRESS, --no-access-log,"
                        + " --access-log-bytes=N and --access-logs-kept=N");
            }
        }
        return settings.withAccessLogLimit(new AccessLogLimit(accessLogBytes, accessLogsKept));
    }
}
