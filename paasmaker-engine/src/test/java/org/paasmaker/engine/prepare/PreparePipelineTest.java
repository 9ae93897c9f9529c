package org.paasmaker.engine.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.pack.ArchiveLimits;
import org.paasmaker.engine.pack.TarGzPacker;

class PreparePipelineTest {

    private static final String MANIFEST = """
            manifest:
              format: 1
            application:
              name: hello
              tags:
                team: platform
              prepare:
                commands:
                  - plugin: paasmaker.prepare.shell
                    parameters:
                      commands:
                        - GREETING=prepared
                        - echo "$GREETING" > built.txt
                        - echo "$PM_METADATA" > metadata.json
                        - echo "$PM_SERVICES" > services.json
                        - echo "port=${PM_PORT:-none}" > port.txt
            instances:
              - name: web
                quantity: 1
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters:
                    launch_command: "python3 -m http.server %(port)d"
                hostnames:
                  - hello.example.com
            services:
              - name: files
                plugin: paasmaker.service.filesystem
              - name: settings
                plugin: paasmaker.service.parameters
                parameters:
                  api_key: secret
                  retries: 3
            """;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    @Test
    void aDirectoryIsPreparedPackedAndStored() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST, "run.sh", "#!/bin/sh\n"));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        assertThat(job.children()).extracting(JobView::title).containsExactly("Fetch the source", "Read the manifest",
                "Create or reuse the services", "Run the prepare commands", "Pack and store the prepared code");
        assertThat(job.children()).allMatch(step -> step.state() == JobState.SUCCESS);
        assertThat(job.children().get(3).children()).extracting(JobView::title)
                .containsExactly("Prepare command 1 (paasmaker.prepare.shell)");

        ApplicationVersion version = fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
        assertThat(version.number()).isEqualTo(1);
        assertThat(version.state()).isEqualTo(VersionState.PREPARED);
        assertThat(version.manifestText()).isEqualTo(MANIFEST);
        assertThat(version.source()).isEqualTo(SourceSpec.directory(app));
        Application application = fixture.engine().applications().get(version.applicationId());
        assertThat(application.name()).isEqualTo("hello");
        assertThat(application.tags().asMap()).containsEntry("team", "platform");

        Path unpacked = unpack(version);
        assertThat(unpacked.resolve("built.txt")).hasContent("prepared");
        assertThat(unpacked.resolve("port.txt")).hasContent("port=none");
        assertThat(unpacked.resolve("run.sh")).isExecutable();
        assertThat(unpacked.resolve("manifest.yml")).hasContent(MANIFEST.stripTrailing());
        assertThat(app.resolve("built.txt")).as("the original directory is never touched").doesNotExist();
        try (Stream<Path> work = Files.list(fixture.engine().home().resolve("work"))) {
            assertThat(work).as("working copies are deleted").isEmpty();
        }
    }

    @Test
    void everySourceTypeGivesTheSameApplicationANewVersion() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST, "index.html", "<p>hi</p>"));
        Path tarball = fixture.temp().resolve("app.tar.gz");
        assertThat(new ProcessBuilder("tar", "czf", tarball.toString(), "-C", app.toString(), ".").start().waitFor()).isZero();
        Path zip = fixture.temp().resolve("app.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("manifest.yml", "index.html")) {
                out.putNextEntry(new java.util.zip.ZipEntry(name));
                out.write(Files.readAllBytes(app.resolve(name)));
            }
        }
        Path repository = fixture.temp().resolve("repo");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repository.toFile())
                .setInitialBranch("master").call()) {
            org.paasmaker.engine.internal.Directories.copyTree(app, repository);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor("Test", "t@example.com").setCommitter("Test", "t@example.com")
                    .setSign(false).call();
        }

        List<SourceSpec> sources = List.of(SourceSpec.directory(app), SourceSpec.tarball(tarball), SourceSpec.zip(zip),
                SourceSpec.git(repository.toUri().toString(), "master", null),
                SourceSpec.of("paasmaker.scm.devdirectory", Map.of("location", app.toString())));
        for (int i = 0; i < sources.size(); i++) {
            JobView job = fixture.prepare(sources.get(i));
            assertThat(job.state()).as(sources.get(i).describe() + "\n" + fixture.logs(job)).isEqualTo(JobState.SUCCESS);
            assertThat(job.tags()).containsEntry("version", Integer.toString(i + 1));
            ApplicationVersion version = fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
            assertThat(unpack(version).resolve("index.html")).hasContent("<p>hi</p>");
        }
    }

    @Test
    void aSourcePluginThatIsNotOfferedIsRefusedBeforeAnyJobStarts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.engine().versions().prepare(new PrepareRequest(
                        fixture.workspace().id(), SourceSpec.of("paasmaker.scm.svn", Map.of("location", "x")))))
                .isInstanceOfSatisfying(org.paasmaker.api.error.PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(org.paasmaker.api.error.ErrorCode.PLUGIN_NOT_ENABLED))
                .hasMessage("the source 'paasmaker.scm.svn' is not available on this platform; it offers: "
                        + "paasmaker.scm.devdirectory, paasmaker.scm.directory, paasmaker.scm.git, paasmaker.scm.tarball,"
                        + " paasmaker.scm.zip");
    }

    @Test
    void prepareCommandsSeeTheMetadataAndServicesAsTheOriginalGaveThem() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));

        JobView job = fixture.prepare(SourceSpec.directory(app));
        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        ApplicationVersion version = fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
        Path unpacked = unpack(version);

        ObjectMapper json = new ObjectMapper();
        JsonNode metadata = json.readTree(unpacked.resolve("metadata.json").toFile());
        assertThat(metadata.fieldNames()).toIterable().containsExactly("application", "node", "workspace");
        JsonNode application = metadata.get("application");
        assertThat(application.get("application_id").isIntegralNumber()).isTrue();
        assertThat(application.get("application_id").asLong()).isEqualTo(version.applicationId().value());
        assertThat(application.get("name").asText()).isEqualTo("hello");
        assertThat(application.get("version").asInt()).isEqualTo(1);
        assertThat(application.get("version_id").asLong()).isEqualTo(version.id().value());
        assertThat(application.get("workspace").asText()).isEqualTo("Test");
        assertThat(application.get("workspace_stub").asText()).isEqualTo("test");
        assertThat(metadata.get("node").get("region").asText()).isEqualTo("test");
        assertThat(metadata.get("workspace").get("RAILS_ENV").asText()).isEqualTo("test");

        JsonNode services = json.readTree(unpacked.resolve("services.json").toFile());
        assertThat(services.get("settings").get("api_key").asText()).isEqualTo("secret");
        assertThat(services.get("settings").get("retries").asInt()).isEqualTo(3);
        assertThat(services.get("settings").get("provider").asText()).isEqualTo("paasmaker.service.parameters");
        assertThat(services.get("files").get("protocol").asText()).isEqualTo("directory");
        assertThat(services.get("files").get("provider").asText()).isEqualTo("paasmaker.service.filesystem");
        assertThat(Path.of(services.get("files").get("directory").asText())).isDirectory();
    }

    @Test
    void aSecondVersionReusesTheApplicationAndItsServices() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));
        JobView first = fixture.prepare(SourceSpec.directory(app));
        List<ApplicationService> before = services(first);
        Path directory = Path.of(before.stream().filter(s -> s.name().equals("files")).findFirst().orElseThrow()
                .credentials().string("directory"));
        Files.writeString(directory.resolve("kept.txt"), "data survives new versions");

        Files.writeString(app.resolve("manifest.yml"), MANIFEST.replace("api_key: secret", "api_key: rotated"));
        JobView second = fixture.prepare(SourceSpec.directory(app));

        assertThat(second.state()).as(fixture.logs(second)).isEqualTo(JobState.SUCCESS);
        assertThat(second.tags().get("application_id")).isEqualTo(first.tags().get("application_id"));
        assertThat(second.tags().get("version")).isEqualTo("2");
        List<ApplicationService> after = services(second);
        assertThat(after).extracting(ApplicationService::id).containsExactlyElementsOf(before.stream().map(ApplicationService::id).toList());
        assertThat(after.stream().filter(s -> s.name().equals("settings")).findFirst().orElseThrow()
                .credentials().asMap()).containsEntry("api_key", "rotated");
        assertThat(directory.resolve("kept.txt")).hasContent("data survives new versions");
    }

    @Test
    void aFailingPrepareCommandFailsTheJobNamingTheCommandAndItsExitCode() throws Exception {
        String manifest = MANIFEST.replace("- echo \"$PM_SERVICES\" > services.json",
                "- echo 'about to fail' && ls /no/such/directory | cat");
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", manifest));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        JobView command = job.children().get(3).children().get(0);
        assertThat(command.state()).isEqualTo(JobState.FAILED);
        assertThat(command.summary()).isEqualTo("the prepare command 4 ('echo 'about to fail' && ls /no/such/directory"
                + " | cat') failed with exit code 2; its output is in the job log");
        assertThat(job.summary()).isEqualTo("Prepare command 1 (paasmaker.prepare.shell): " + command.summary());
        String log = fixture.engine().jobs().log(command.id());
        assertThat(log).contains("about to fail").contains("/no/such/directory").contains("No such file or directory");
        assertThat(job.children().get(4).state()).isEqualTo(JobState.ABORTED);
        ApplicationVersion version = fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
        assertThat(version.state()).isEqualTo(VersionState.NEW);
        assertThat(version.packageChecksum()).isEmpty();
    }

    @Test
    void anInvalidManifestFailsTheJobWithEveryError() throws Exception {
        String manifest = MANIFEST.replace("quantity: 1", "quantity: -1").replace("hello.example.com", "bad_host!");
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", manifest));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        JobView read = job.children().get(1);
        assertThat(read.state()).isEqualTo(JobState.FAILED);
        assertThat(read.summary()).contains("instances[0].quantity").contains("instances[0].hostnames[0]");
        assertThat(job.tags()).doesNotContainKey("version_id");
    }

    @Test
    void aMissingManifestSaysWhereItWasLookedFor() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("deploy/paasmaker.yml", MANIFEST));

        JobView missing = fixture.prepare(SourceSpec.directory(app));
        assertThat(missing.state()).isEqualTo(JobState.FAILED);
        assertThat(missing.summary()).contains("no manifest at 'manifest.yml'");

        JobView found = fixture.prepare(SourceSpec.directory(app), "deploy/paasmaker.yml");
        assertThat(found.state()).as(fixture.logs(found)).isEqualTo(JobState.SUCCESS);
        ApplicationVersion version = fixture.engine().versions().get(new VersionId(Long.parseLong(found.tags().get("version_id"))));
        assertThat(version.manifestPath()).isEqualTo("deploy/paasmaker.yml");
    }

    @Test
    void thePrepareRuntimePutsTheChosenJdkFirst() throws Exception {
        String manifest = MANIFEST.replace("  prepare:\n", """
                  prepare:
                    runtime:
                      plugin: paasmaker.runtime.java
                      version: 17
                """).replace("- GREETING=prepared", "- GREETING=\"$(java -version 2>&1 | head -1) home=$JAVA_HOME\"");
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", manifest));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        ApplicationVersion version = fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
        String built = Files.readString(unpack(version).resolve("built.txt"));
        assertThat(built).contains("version \"17.").contains("home=/");
    }

    @Test
    void aRuntimeVersionTheNodeLacksIsNamedWithTheOnesItHas() throws Exception {
        String manifest = MANIFEST.replace("  prepare:\n", """
                  prepare:
                    runtime:
                      plugin: paasmaker.runtime.java
                      version: 8
                """);
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", manifest));

        JobView job = fixture.prepare(SourceSpec.directory(app));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.summary()).contains("paasmaker.runtime.java has no version '8'").contains("17.");
    }

    @Test
    void abortingAPrepareEndsItsCommandAndLeavesNoWorkingCopy() throws Exception {
        Path started = fixture.temp().resolve("started");
        String manifest = MANIFEST.replace("- GREETING=prepared", "- touch " + started + " && sleep 300");
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", manifest));
        JobId id = fixture.engine().versions().prepare(new PrepareRequest(fixture.workspace().id(), SourceSpec.directory(app)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started));

        fixture.engine().jobs().abort(id);
        JobView job = fixture.engine().jobs().await(id, EngineFixture.JOB_TIMEOUT);

        assertThat(job.state()).isEqualTo(JobState.ABORTED);
        assertThat(job.children().get(3).state()).isEqualTo(JobState.ABORTED);
        assertThat(job.children().get(4).state()).isEqualTo(JobState.ABORTED);
        try (Stream<Path> work = Files.list(fixture.engine().home().resolve("work"))) {
            assertThat(work).isEmpty();
        }
    }

    private List<ApplicationService> services(JobView job) {
        Application application = fixture.engine().applications().get(
                new org.paasmaker.api.application.ApplicationId(Long.parseLong(job.tags().get("application_id"))));
        return fixture.engine().applications().services(application.id());
    }

    private Path unpack(ApplicationVersion version) throws Exception {
        Path target = Files.createDirectories(fixture.temp().resolve("unpacked-" + version.id()));
        Path packageFile = fixture.engine().versions().packageFile(version.id());
        try (InputStream in = Files.newInputStream(packageFile)) {
            new TarGzPacker().unpack(in, target, ArchiveLimits.packages());
        }
        return target;
    }
}
