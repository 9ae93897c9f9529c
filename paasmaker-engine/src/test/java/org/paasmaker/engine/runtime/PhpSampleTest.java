package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.instance.Readiness;
import org.paasmaker.engine.internal.Directories;

/** The PHP sample behind its own nginx and php-fpm: PHP, a directory index, the logs, and a clean stop. */
class PhpSampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSampleIsServedByNginxAndPhpFpmSeesItsEnvironmentAndStopsWithTheInstance() throws Exception {
        List<String> versions = fixture.engine().nodes().runtimes().get("paasmaker.runtime.php");
        assertThat(versions).as("php-fpm is installed").isNotEmpty();
        String version = versions.get(0);
        VersionId id = fixture.prepareFolder(sampleFor(version)).id();

        fixture.succeed(fixture.engine().versions().start(id));

        List<Instance> instances = fixture.engine().versions().instances(id);
        assertThat(instances).hasSize(1);
        Instance web = instances.get(0);
        int port = web.port().getAsInt();
        String text;
        try {
            text = send(port, "/").body();
        } catch (java.io.IOException e) {
            throw new AssertionError(fixture.engine().versions().instanceLog(web.id(), 50), e);
        }
        assertThat(text).as(fixture.engine().versions().instanceLog(web.id(), 50)).startsWith("{");
        JsonNode body = JSON.readTree(text);
        assertThat(body.get("message").asText()).as(fixture.engine().versions().instanceLog(web.id(), 50))
                .isEqualTo("Hello from hello-php");
        assertThat(body.get("php").asText()).isEqualTo(version);
        assertThat(body.get("sapi").asText()).isEqualTo("fpm-fcgi");
        assertThat(body.get("port").asText()).isEqualTo(String.valueOf(port));
        assertThat(body.get("metadata").get("application").get("name").asText()).isEqualTo("hello-php");
        assertThat(body.get("services").get("settings").get("colour").asText()).isEqualTo("purple");
        assertThat(get(port, "/about/")).contains("A static page beside the PHP");
        assertThat(status(port, "/missing.php")).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                fixture.engine().versions().instanceLog(web.id(), 200))
                .contains("\"GET /about/ HTTP/1.1\" 200").contains("\"GET /missing.php HTTP/1.1\" 404"));
        assertThat(servers(port)).as("nginx and php-fpm").hasSizeGreaterThanOrEqualTo(2);

        fixture.succeed(fixture.engine().versions().stop(id));

        await().atMost(Duration.ofSeconds(30)).until(() -> servers(port).isEmpty());
        assertThat(Readiness.accepts(port)).isFalse();
    }

    /** The sample asks for PHP 8.2, Debian bookworm's; elsewhere the copy asks for the line there is. */
    private Path sampleFor(String version) throws Exception {
        Path copy = Files.createDirectories(fixture.temp().resolve("hello-php"));
        Directories.copyTree(EngineFixture.sample("hello-php"), copy);
        Path manifest = copy.resolve("manifest.yml");
        String line = version.replaceFirst("^(\\d+\\.\\d+)\\..*$", "$1");
        Files.writeString(manifest, Files.readString(manifest).replace("version: \"8.2\"", "version: \"" + line + "\""));
        return copy;
    }

    /** The instance's nginx and php-fpm processes: those whose command line names the engine's home. */
    private List<String> servers(int port) throws java.io.IOException {
        String home = fixture.engine().home().toString();
        List<String> found = new java.util.ArrayList<>();
        try (var proc = Files.list(Path.of("/proc"))) {
            for (Path pid : proc.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String command = new String(Files.readAllBytes(pid.resolve("cmdline"))).replace('\0', ' ');
                    if (command.contains(home) && command.matches(".*(nginx|php-fpm).*")) {
                        found.add(command);
                    }
                } catch (java.io.IOException e) {
                    // The process ended while the list was read.
                }
            }
        }
        return found;
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = send(port, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private int status(int port, String path) throws Exception {
        return send(port, path).statusCode();
    }

    private HttpResponse<String> send(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
