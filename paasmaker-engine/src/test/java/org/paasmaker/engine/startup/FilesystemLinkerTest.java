package org.paasmaker.engine.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;

/** Two versions of one application, serving their code directory, share the linked uploads directory. */
class FilesystemLinkerTest {

    private static final String MANIFEST = """
            manifest: {format: 1}
            application: {name: uploads}
            instances:
              - name: web
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters:
                    launch_command: "python3 -m http.server %(port)d"
                startup:
                  - plugin: paasmaker.startup.filesystemlinker
                    parameters:
                      directories: [public/uploads]
            """;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    @Test
    void uploadedFilesOutliveANewVersionAndShippedFilesSeedTheServiceOnce() throws Exception {
        VersionId first = prepared("v1", MANIFEST + services(), "shipped by version one");
        int firstPort = fixture.startOne(first);
        Path service = Path.of(fixture.engine().applications()
                .services(fixture.engine().versions().get(first).applicationId()).get(0)
                .credentials().string("directory"));
        Files.writeString(service.resolve("public/uploads/upload.txt"), "uploaded while version one ran");

        assertThat(EngineFixture.get(firstPort, "/public/uploads/upload.txt"))
                .isEqualTo("uploaded while version one ran");
        assertThat(EngineFixture.get(firstPort, "/public/uploads/seed.txt")).isEqualTo("shipped by version one");

        VersionId second = prepared("v2", MANIFEST + services(), "shipped by version two");
        int secondPort = fixture.startOne(second);

        assertThat(EngineFixture.get(secondPort, "/public/uploads/upload.txt"))
                .isEqualTo("uploaded while version one ran");
        assertThat(EngineFixture.get(secondPort, "/public/uploads/seed.txt")).as("the service's file wins")
                .isEqualTo("shipped by version one");
    }

    @Test
    void withoutAFilesystemServiceTheStartFailsSayingSo() throws Exception {
        VersionId id = prepared("none", MANIFEST, "seed");

        JobView started = fixture.engine().jobs().await(fixture.engine().versions().start(id), EngineFixture.JOB_TIMEOUT);

        assertThat(started.state()).isEqualTo(JobState.FAILED);
        assertThat(fixture.logs(started) + started.summary()).contains("paasmaker.startup.filesystemlinker needs exactly"
                + " one service of protocol 'directory' (paasmaker.service.filesystem); the application has none");
    }

    private static String services() {
        return """
                services:
                  - name: files
                    plugin: paasmaker.service.filesystem
                """;
    }

    private VersionId prepared(String name, String manifest, String seed) throws Exception {
        return fixture.prepareFolder(EngineFixture.writeApp(fixture.temp().resolve(name),
                Map.of("manifest.yml", manifest, "public/uploads/seed.txt", seed))).id();
    }
}
