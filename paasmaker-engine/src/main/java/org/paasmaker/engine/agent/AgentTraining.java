package org.paasmaker.engine.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.cluster.ClusterServer;
import org.paasmaker.engine.cluster.HttpNode;
import org.paasmaker.engine.cluster.NodeToken;

/**
 * {@code agent --cds-training} (not in the usage): the agent command as an operator runs it, against a
 * canned controller of its own on the loopback, in a home of its own that it deletes: it parses its
 * options, registers, reports, answers three node verbs (one of them a 404) and stops. A JVM that runs
 * it with {@code -XX:ArchiveClassesAtExit} archives the classes an agent loads from its launch to its
 * first report and its first verbs; {@code bin/paasmaker-agent} makes the agent's class data sharing
 * archive with it. Prints nothing; exit 0.
 */
final class AgentTraining {

    static final String OPTION = "--cds-training";
    private static final String TOKEN = "cds-training";
    private static final int WITHIN_SECONDS = 30;

    private AgentTraining() {
    }

    static int run() {
        CountDownLatch reported = new CountDownLatch(1);
        HttpServer controller = cannedController(reported);
        Path home = null;
        try {
            home = Files.createTempDirectory("paasmaker-agent-cds-");
            Map<String, String> environment = new HashMap<>(System.getenv());
            environment.put("PAASMAKER_NODE_TOKEN", TOKEN);
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
            int exit = AgentCommand.run(List.of("--controller", "http://127.0.0.1:" + controller.getAddress().getPort(),
                    "--address", "127.0.0.1", "--home", home.toString(), "--name", TOKEN, "--tag", "training=yes",
                    "--port", "0", "--report-every", "1"), environment, nowhere, nowhere,
                    agent -> exercise(reported, agent.url()));
            if (exit != 0) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "the training agent ended with " + exit);
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            controller.stop(0);
            deleteTree(home);
        }
    }

    /** Waits for the first report, then calls the node verbs a controller calls on an idle node. */
    private static void exercise(CountDownLatch reported, URI agent) {
        try {
            if (!reported.await(WITHIN_SECONDS, TimeUnit.SECONDS)) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the training agent did not report within "
                        + WITHIN_SECONDS + " s");
            }
            call(agent, "GET", "instances");
            call(agent, "POST", "maintain");
            call(agent, "GET", "instances/none/nothing");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void call(URI agent, String method, String verb) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) agent.resolve(HttpNode.PATH + verb).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", new NodeToken(TOKEN, TOKEN).header());
        int status = connection.getResponseCode();
        try (InputStream body = status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        } finally {
            connection.disconnect();
        }
    }

    /** Takes any registration and report with a 204; the first report opens {@code reported}. */
    private static HttpServer cannedController(CountDownLatch reported) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(ClusterServer.PREFIX + "nodes", exchange -> answer(exchange, reported));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, CountDownLatch reported) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
        }
        if (exchange.getRequestURI().getPath().endsWith("/report")) {
            reported.countDown();
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the training agent's home " + root, e);
        }
    }
}
