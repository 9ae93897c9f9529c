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
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.engine.instance.Readiness;
import org.paasmaker.engine.process.EngineJava;

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
        LaunchPlan plan = new StaticRuntime(StaticRuntime.JAVA_OPTIONS).launchPlan(new LaunchRequest("1",
                PluginParameters.of(Map.of("document_root", "web")), code, OptionalInt.of(port),
                Map.of("PATH", System.getenv("PATH"))));
        assertThat(plan.command().get(0)).as("the engine's java").isEqualTo(EngineJava.executable());

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
            assertThat(ProcessHandle.of(server.pid()).orElseThrow().info().arguments().orElseThrow())
                    .containsSequence("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k",
                            "-XX:ReservedCodeCacheSize=16m", "-Dsun.net.httpserver.nodelay=true", "-cp");
        } finally {
            server.destroy();
            server.onExit().get();
        }
    }

    @Test
    void theOperatorsJavaOptionsReplaceTheFileServersOwn() throws Exception {
        Files.createDirectories(code.resolve("web"));
        StaticRuntimeProvider provider = new StaticRuntimeProvider();
        provider.init(PluginSettings.of("paasmaker.runtime.static", provider.settings(),
                Map.of("java_options", " -Xmx32m  -XX:+UseSerialGC "), code));

        LaunchPlan plan = provider.create(new PluginContext() {
            @Override
            public Path dataDirectory() {
                return code;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        }).launchPlan(new LaunchRequest("1", PluginParameters.of(Map.of("document_root", "web")), code,
                OptionalInt.of(1), Map.of()));

        assertThat(plan.command().subList(1, 4)).containsExactly("-Xmx32m", "-XX:+UseSerialGC", "-cp");
    }

    @Test
    void aWrongJavaOptionStopsThePluginsStartNamingItsVariable() {
        StaticRuntimeProvider provider = new StaticRuntimeProvider();
        Map<String, String> given = PluginSettings.fromEnvironment("paasmaker.runtime.static", provider.settings(),
                Map.of("PAASMAKER_RUNTIME_STATIC_JAVA_OPTIONS", "-Xmx32m 32m"));

        assertThatThrownBy(() -> provider.init(PluginSettings.of("paasmaker.runtime.static", provider.settings(), given,
                code))).isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageStartingWith("the setting 'java_options' (PAASMAKER_RUNTIME_STATIC_JAVA_OPTIONS) of the plugin"
                        + " 'paasmaker.runtime.static' is '-Xmx32m 32m', where '32m' is no JVM option")
                .hasMessageContaining("such as -Xmx64m -XX:+UseSerialGC");
        assertThatThrownBy(() -> provider.init(PluginSettings.of("paasmaker.runtime.static", provider.settings(),
                Map.of("java_options", "-Xmx32m -cp /elsewhere"), code)))
                .hasMessageContaining("where '-cp' names the code to run");
    }

    @Test
    void aDocumentRootOutsideTheCodeOrMissingIsRefused() {
        StaticRuntime runtime = new StaticRuntime(StaticRuntime.JAVA_OPTIONS);
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
