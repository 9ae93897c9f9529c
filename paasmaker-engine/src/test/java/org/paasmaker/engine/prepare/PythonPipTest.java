package org.paasmaker.engine.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;

/**
 * The pip sample, prepared with no package index (its one requirement's wheel is built by its first
 * prepare command; the operator's wheel directory is empty), run with its virtualenv active.
 */
class PythonPipTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path wheels;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder.pluginSettings(
            "paasmaker.prepare.pythonpip", Map.of("wheels", wheels.toString())));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSampleRunsInTheVirtualenvPipFilledAndSeesItsEnvironment() throws Exception {
        JobView prepared = fixture.prepare(SourceSpec.directory(EngineFixture.sample("hello-pythonpip")));
        assertThat(prepared.state()).as(fixture.logs(prepared)).isEqualTo(JobState.SUCCESS);
        assertThat(fixture.logs(prepared)).contains("Successfully installed hello-greeting-1.0");
        VersionId id = new VersionId(Long.parseLong(prepared.tags().get("version_id")));

        fixture.succeed(fixture.engine().versions().start(id));

        List<Instance> instances = fixture.engine().versions().instances(id);
        assertThat(instances).hasSize(1);
        int port = instances.get(0).port().getAsInt();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("message").asText()).isEqualTo("Hello from hello-pythonpip, with a library pip installed");
        String virtualenv = body.get("virtualenv").asText();
        assertThat(virtualenv).as("the instance's own copy").startsWith(fixture.engine().home().toString())
                .endsWith("/env");
        assertThat(body.get("prefix").asText()).isEqualTo(virtualenv);
        assertThat(body.get("port").asText()).isEqualTo(String.valueOf(port));
        assertThat(body.get("metadata").get("application").get("name").asText()).isEqualTo("hello-pythonpip");
        assertThat(body.get("services").get("settings").get("colour").asText()).isEqualTo("yellow");
    }

    @Test
    void aFailingPipInstallFailsThePrepareWithPipsOwnWords() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("broken"), Map.of(
                "requirements.txt", "no-such-package-for-paasmaker==1.0\n",
                "manifest.yml", """
                        manifest: {format: 1}
                        application:
                          name: broken
                          prepare:
                            commands:
                              - plugin: paasmaker.prepare.pythonpip
                                parameters: {virtualenv_name: env}
                        instances:
                          - name: web
                            runtime: {plugin: paasmaker.runtime.shell, version: 1,
                                      parameters: {launch_command: "python -m http.server %(port)d"}}
                        """));

        JobView prepared = fixture.prepare(SourceSpec.directory(app));

        assertThat(prepared.state()).isEqualTo(JobState.FAILED);
        assertThat(fixture.logs(prepared))
                .contains("No matching distribution found for no-such-package-for-paasmaker==1.0")
                .contains("paasmaker.prepare.pythonpip: 'pip install -r requirements.txt' failed with exit code 1");
    }
}
