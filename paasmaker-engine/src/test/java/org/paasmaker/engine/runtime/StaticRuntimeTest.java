package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.engine.instance.Readiness;

class StaticRuntimeTest {

    @TempDir
    Path code;

    @Test
    void itsPlanStartsAFileServerOnTheDocumentRoot() throws Exception {
        Files.createDirectories(code.resolve("web"));
        Files.writeString(code.resolve("web/index.html"), "<h1>static</h1>");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        LaunchPlan plan = new StaticRuntime().launchPlan(new LaunchRequest("1",
                PluginParameters.of(Map.of("document_root", "web")), code, OptionalInt.of(port),
                Map.of("PATH", System.getenv("PATH"))));

        ProcessBuilder builder = new ProcessBuilder(plan.command()).redirectErrorStream(true)
                .redirectOutput(code.resolve("server.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(plan.environment());
        Process server = builder.start();
        try {
            Readiness.awaitListening("static-1", port, plan.readyWithin(), server::isAlive);
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("<h1>static</h1>");
            assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        } finally {
            server.destroy();
            server.onExit().get();
        }
    }

    @Test
    void aDocumentRootOutsideTheCodeOrMissingIsRefused() {
        StaticRuntime runtime = new StaticRuntime();
        assertThatThrownBy(() -> runtime.launchPlan(new LaunchRequest("1",
                PluginParameters.of(Map.of("document_root", "../..")), code, OptionalInt.of(1), Map.of())))
                .hasMessageContaining("points outside the application's code");
        assertThatThrownBy(() -> runtime.launchPlan(new LaunchRequest("1",
                PluginParameters.of(Map.of("document_root", "public")), code, OptionalInt.of(1), Map.of())))
                .hasMessage("the document_root 'public' is not a folder of the application's code");
        assertThatThrownBy(() -> runtime.launchPlan(new LaunchRequest("1",
                PluginParameters.of(Map.of("document_root", ".")), code, OptionalInt.empty(), Map.of())))
                .hasMessageContaining("cannot be standalone");
    }
}
