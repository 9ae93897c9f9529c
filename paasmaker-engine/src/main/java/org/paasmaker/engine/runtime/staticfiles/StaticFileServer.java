package org.paasmaker.engine.runtime.staticfiles;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The file server of {@code paasmaker.runtime.static}: serves a document root over HTTP on one port.
 * It runs as the instance's own process ({@link #main}), so that it outlives a restart of the server
 * like any instance, or inside a JVM that wants one ({@link #start}).
 *
 * <p>It serves GET and HEAD with content types, an index file per directory, validators and single
 * byte ranges, and a 404 page; it never lists a directory and never serves a file outside the root
 * or one whose name starts with a dot.
 */
public final class StaticFileServer implements AutoCloseable {

    /**
     * A thread is busy for one response and mostly waits on the client's socket, so the count follows
     * how many downloads may run at once, not the cores. Threads start only when needed.
     */
    private static final int THREADS = 32;

    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;

    private StaticFileServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.port = server.getAddress().getPort();
    }

    /**
     * {@code StaticFileServer <document-root> [<port>]}: serves on every address until SIGTERM, one
     * access line per request on stdout. Exits with 2 on bad arguments, with 1 if the root is missing
     * or the port is taken, in both cases after one line on stderr.
     */
    public static void main(String[] args) {
        ServerArguments arguments;
        try {
            arguments = ServerArguments.parse(List.of(args), System.getenv());
        } catch (PaasmakerException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StaticFileServer server;
        try {
            server = start(arguments.root(), new InetSocketAddress(arguments.port()), System.out);
        } catch (PaasmakerException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("stopped serving on port " + server.port());
        }, "static-files-stop"));
        System.out.println("serving " + arguments.root() + " on port " + server.port());
        // HttpServer's dispatcher thread keeps the JVM alive from here on.
    }

    /**
     * Serves {@code root} on {@code address} (port 0 picks a free one), access lines on stdout.
     *
     * @throws PaasmakerException if the root is not a directory or the address cannot be bound
     */
    public static StaticFileServer start(Path root, InetSocketAddress address) {
        return start(root, address, System.out);
    }

    static StaticFileServer start(Path root, InetSocketAddress address, PrintStream accessLog) {
        DocumentRoot documentRoot = DocumentRoot.open(root);
        HttpServer server = bind(address);
        server.createContext("/", new FileHandler(documentRoot)).getFilters()
                .add(new AccessLog(accessLog, Clock.systemUTC()));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "static-files-" + threads.incrementAndGet());
            // A handler stuck writing to a vanished client must not keep the JVM from exiting.
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new StaticFileServer(server, executor);
    }

    private static HttpServer bind(InetSocketAddress address) {
        try {
            return HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "cannot listen on port " + address.getPort() + " of "
                    + address.getHostString() + ": " + e.getMessage() + "; is another instance using it?", e);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot listen on " + address + ": " + e, e);
        }
    }

    /** The port being served, the one picked when {@link #start} was given port 0. */
    public int port() {
        return port;
    }

    /** Stops at once: closes the port and every connection, cutting off responses under way. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
