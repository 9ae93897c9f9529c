package org.paasmaker.engine.runtime.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.TestPorts;

/** {@code StaticFileServer} as the platform runs it: a JVM of its own, stopped with SIGTERM. */
class StaticFileServerProcessTest {

    /** Generous: it bounds a broken run, it does not measure a working one. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void servesUntilSigtermThenExitsAndReleasesThePort() throws Exception {
        Path root = documentRoot();
        int port = TestPorts.free();
        Process server = launch(Map.of(), root.toString(), Integer.toString(port));

        awaitServing(server, port);
        HttpResponse<String> response = client.send(get(port, "/hello.txt"), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from a process");

        server.destroy();

        assertThat(server.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(server.exitValue()).isEqualTo(143);
        assertThat(Files.readString(dir.resolve("stdout.log")))
                .contains("serving " + root + " on port " + port)
                .containsPattern("GET /hello.txt 200 20")
                .contains("stopped serving on port " + port);
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(port));
        }
    }

    @Test
    void takesThePortFromPmPortWhenNoneIsGiven() throws Exception {
        int port = TestPorts.free();
        Process server = launch(Map.of("PM_PORT", Integer.toString(port)), documentRoot().toString());

        awaitServing(server, port);
        server.destroy();

        assertThat(server.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aMissingRootFailsAtOnceWithOneLine() throws Exception {
        Process server = launch(Map.of(), dir.resolve("nowhere").toString(), Integer.toString(TestPorts.free()));

        assertThat(server.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("stderr.log"))).containsExactly("the document root "
                + dir.resolve("nowhere") + " does not exist; check document_root in the manifest");
    }

    @Test
    void aTakenPortFailsAtOnceWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process server = launch(Map.of(), documentRoot().toString(), Integer.toString(taken.getLocalPort()));

            assertThat(server.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(dir.resolve("stderr.log"))).singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("cannot listen on port " + taken.getLocalPort()).contains("already in use");
        }
    }

    @Test
    void badArgumentsPrintTheUsage() throws Exception {
        Process server = launch(Map.of(), dir.toString(), "eighty");

        assertThat(server.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("stderr.log"))).singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("the port 'eighty' is not a number from 1 to 65535; usage: StaticFileServer");
    }

    private Path documentRoot() throws IOException {
        Path root = Files.createDirectories(dir.resolve("site"));
        Files.writeString(root.resolve("hello.txt"), "hello from a process");
        return root;
    }

    /** A JVM on this test's class path running the server, its output in stdout.log and stderr.log. */
    private Process launch(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StaticFileServer.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        builder.environment().remove("PM_PORT");
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitServing(Process server, int port) {
        await().atMost(LIMIT).ignoreExceptions()
                .failFast("the server exited", () -> !server.isAlive())
                .until(() -> client.send(get(port, "/"), BodyHandlers.discarding()).statusCode() == 404);
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    }
}
