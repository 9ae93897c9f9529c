package org.paasmaker.engine.routes;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.paasmaker.engine.TestPorts;
import org.paasmaker.engine.routing.TestRouterCode;

/**
 * For tests: a router process on "another machine" (its own home and port) following a feed that a
 * JDK server offers as the controller's cluster server will, with a node token.
 */
public final class FollowingRouter implements AutoCloseable {

    private static final String TOKEN = "follower-node-token";

    private final HttpServer server;
    private final Process process;
    private final String bind;
    private final int port;
    private final Path log;

    private FollowingRouter(HttpServer server, String controller, Path tokenFile, String bind, String name,
            Path directory) throws IOException {
        this.server = server;
        this.bind = bind;
        Files.createDirectories(directory);
        log = directory.resolve("router.log");
        port = TestPorts.free();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+UseSerialGC", "-cp", TestRouterCode.CLASS_PATH, "org.paasmaker.router.RouterMain",
                "--home", directory.resolve("home").toString(), "--port", Integer.toString(port), "--https-port", "-1", "--bind", bind,
                "--event-loops", "1", "--follow", controller, "--token-file", tokenFile.toString(), "--name", name);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts the feed's server and the router, and returns once the router serves. */
    public static FollowingRouter start(RouteFeed feed, Path directory) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/cluster/v1/routes", new RouteFeedHandler(feed, RouteFeedHandler.token(TOKEN)));
        server.start();
        Files.createDirectories(directory);
        Path token = Files.writeString(directory.resolve("token"), TOKEN);
        return started(new FollowingRouter(server, "http://127.0.0.1:" + server.getAddress().getPort(), token,
                "127.0.0.1", "follower", directory));
    }

    /**
     * A router on {@code bind} following a real controller's cluster endpoint, as an operator starts one
     * on another machine; returns once it serves.
     */
    public static FollowingRouter following(String controller, Path tokenFile, String bind, String name,
            Path directory) throws IOException {
        return started(new FollowingRouter(null, controller, tokenFile, bind, name, directory));
    }

    private static FollowingRouter started(FollowingRouter router) throws IOException {
        try {
            await("the following router starts").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(router.log).contains("serves table") || !router.process.isAlive());
            if (!router.process.isAlive()) {
                throw new IllegalStateException("the following router exited: " + Files.readString(router.log));
            }
            return router;
        } catch (RuntimeException e) {
            router.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The address it listens on. */
    public String bind() {
        return bind;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (server != null) {
                server.stop(0);
                ((ExecutorService) server.getExecutor()).shutdownNow();
            }
        }
    }
}
