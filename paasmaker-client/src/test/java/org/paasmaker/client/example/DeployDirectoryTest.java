package org.paasmaker.client.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.rest.VersionJson;
import org.paasmaker.api.rest.WireFixtures;
import org.paasmaker.client.PaasmakerClient;

/** The README's example runs against a server that answers as Paasmaker does, and calls what it should. */
class DeployDirectoryTest {

    private static final String JOB = "0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";

    @Test
    void itUploadsPreparesStartsAndMakesCurrent(@TempDir Path code) throws IOException {
        Files.writeString(code.resolve("manifest.yml"), "manifest:\n  format: 1\n");
        String succeeded = WireFixtures.read("job-json.json").replace("\"FAILED\"", "\"SUCCESS\"")
                .replace("\"ABORTED\"", "\"SUCCESS\"");
        String events = "event: state\nid: c1\ndata: " + WireFixtures.read("job-state-change.json").replace("\n", " ")
                + "\n\nevent: end\nid: c2\ndata: " + succeeded.replace("\n", " ") + "\n\n";
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            calls.add(call);
            exchange.getRequestBody().readAllBytes();
            String type = "application/json";
            String body;
            int status = 200;
            if (call.endsWith("/versions")) {
                status = 202;
                body = WireFixtures.read("version-accepted.json");
            } else if (call.endsWith("/events")) {
                type = "text/event-stream";
                body = events;
            } else if (call.startsWith("POST /api/v1/versions/8/")) {
                status = 202;
                body = WireFixtures.read("job-accepted.json").replace("5d1c9a7e-1a8b-4c3d-8e2f-0a1b2c3d4e5f", JOB);
            } else {
                body = WireFixtures.read("version-json.json");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try (PaasmakerClient client = PaasmakerClient.connect(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "token")) {
            VersionJson version = DeployDirectory.deploy(client, "dev", code);

            assertThat(version.current()).isTrue();
        } finally {
            server.stop(0);
        }
        assertThat(calls).containsExactly("POST /api/v1/workspaces/dev/versions", "GET /api/v1/jobs/" + JOB + "/events",
                "POST /api/v1/versions/8/start", "GET /api/v1/jobs/" + JOB + "/events",
                "POST /api/v1/versions/8/make-current", "GET /api/v1/jobs/" + JOB + "/events", "GET /api/v1/versions/8");
    }
}
