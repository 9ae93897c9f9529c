package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code paasmaker instance log --follow}: lines as they come, until interrupted. */
class InstanceLogFollowCommandTest {

    private static final String INSTANCE = "2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b";

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server.on("GET", "instances/" + INSTANCE + "/log", (request, exchange) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("event: log\nid: 1\ndata: {\"instance\": \"" + INSTANCE + "\", \"text\": \"first\\n\"}\n\n"
                        + "event: log\nid: 2\ndata: {\"instance\": \"" + INSTANCE + "\", \"text\": \"second\\n\"}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @AfterEach
    void stop() {
        released.countDown();
    }

    @Test
    void showsNewLinesUntilInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine commandLine = PaasmakerCommand.commandLine(new CliContext(Map.of("PAASMAKER_SERVER", server.url(),
                "PAASMAKER_TOKEN", FakePaasmaker.TOKEN, "HOME", home.toString()), false,
                java.io.InputStream.nullInputStream()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread following = new Thread(() -> exitCode.set(commandLine.execute("instance", "log", INSTANCE, "--follow",
                "--lines", "2")));
        following.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().equals("first\nsecond\n"));
        following.interrupt();
        following.join(10_000);

        assertThat(following.isAlive()).isFalse();
        assertThat(exitCode.get()).isZero();
        assertThat(server.requests().get(0).query()).isEqualTo("lines=2");
    }
}
