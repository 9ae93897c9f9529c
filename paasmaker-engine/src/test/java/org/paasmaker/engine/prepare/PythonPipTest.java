package org.paasmaker.engine.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void theSampleRunsInTheVirtualenvPipFilledAndSeesItsEnvironment() throws Exception {
        JobView prepared = fixture.prepare(SourceSpec.directory(EngineFixture.sample("hello-pythonpip")));
        assertThat(prepared.state()).as(fixture.logs(prepared)).isEqualTo(JobState.SUCCESS);
        assertThat(fixture.logs(prepared)).contains("Successfully installed hello-greeting-1.0");
        VersionId id = new VersionId(Long.parseLong(prepared.tags().get("version_id")));

        int port = fixture.startOne(id);
        JsonNode body = JSON.readTree(EngineFixture.get(port, "/"));
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
