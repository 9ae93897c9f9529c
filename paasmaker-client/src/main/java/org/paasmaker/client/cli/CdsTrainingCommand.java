package org.paasmaker.client.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code paasmaker cds-training} (hidden): runs a few commands in this JVM against a canned server of its
 * own, so that a JVM that runs it with {@code -XX:ArchiveClassesAtExit} archives the classes a real
 * command loads: the command tree and its help, the client and its HTTP, Jackson reading and writing
 * JSON and YAML, an error's message. The build (and {@code bin/paasmaker}, for another Java) makes the
 * launcher's class data sharing archive with it. Prints nothing; exit 0.
 */
@Command(name = "cds-training", hidden = true,
        description = "Load the classes commands use, for the class data sharing archive of bin/paasmaker.")
final class CdsTrainingCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        Training.run();
        return 0;
    }

    /** Apart from the command, whose methods picocli reflects on at every start: only a training loads these types. */
    private static final class Training {

        private static final String WORKSPACES = "[{\"id\": 1, \"name\": \"Training\", \"stub\": \"training\","
                + " \"tags\": {\"RAILS_ENV\": \"development\"}}]";
        private static final String NOT_FOUND = "{\"type\": \"not-found\", \"title\": \"Not found\", \"status\": 404,"
                + " \"detail\": \"No workspace 'nope' exists.\", \"errors\": []}";

        static void run() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/workspaces", exchange -> answer(exchange,
                    exchange.getRequestURI().getPath().endsWith("/workspaces") ? 200 : 404));
            server.start();
            try {
                Map<String, String> environment = Map.of(
                        "PAASMAKER_SERVER", "http://127.0.0.1:" + server.getAddress().getPort(),
                        "PAASMAKER_TOKEN", "training", "HOME", System.getProperty("java.io.tmpdir"));
                for (List<String> args : List.of(List.of("--help"), List.of("deploy", "--help"),
                        List.of("workspace", "list"), List.of("workspace", "list", "-o", "json"),
                        List.of("workspace", "list", "-o", "yaml"), List.of("workspace", "show", "nope"))) {
                    CommandLine commandLine = PaasmakerCommand.commandLine(new CliContext(environment, false,
                            InputStream.nullInputStream()));
                    commandLine.setOut(new PrintWriter(new StringWriter()));
                    commandLine.setErr(new PrintWriter(new StringWriter()));
                    commandLine.execute(args.toArray(String[]::new));
                }
            } finally {
                server.stop(0);
            }
        }

        private static void answer(HttpExchange exchange, int status) throws IOException {
            byte[] body = (status == 200 ? WORKSPACES : NOT_FOUND).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
