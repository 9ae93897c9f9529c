package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest's release step through the server: run once, first in the start job, recorded in the JPA store. */
class ReleaseIT {

    private static Api api;
    private static Deployments deployments;

    @TempDir
    static Path temp;

    @BeforeAll
    static void server() {
        api = ItServer.api();
        deployments = new Deployments(api);
    }

    @AfterAll
    static void stopEverythingStarted() {
        deployments.cleanUp();
    }

    @Test
    void aVersionsReleaseRunsOnceBeforeItsInstancesAndTheServerRecordsIt() throws Exception {
        Path runs = temp.resolve("runs.txt");
        Path app = Files.createDirectories(temp.resolve("app"));
        Files.writeString(app.resolve("migrate.sh"), """
                version=$(python3 -c 'import json, os; print(json.loads(os.environ["PM_METADATA"])["application"]["version"])')
                echo "version $version" >> "$1"
                """);
        Files.writeString(app.resolve("manifest.yml"), """
                manifest: {format: 1}
                application:
                  name: released
                  release:
                    commands:
                      - plugin: paasmaker.prepare.shell
                        parameters:
                          commands: ["bash migrate.sh %s"]
                instances:
                  - name: web
                    quantity: 2
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 -m http.server %%(port)d --bind 127.0.0.1"
                """.formatted(runs));
        String workspace = deployments.newWorkspace("Release").path("stub").asText();
        String version = deployments.prepared(workspace, Deployments.tarball(app, temp));
        assertThat(api.get("versions/" + version).json().has("releasedAt")).as("not released yet").isFalse();

        JsonNode started = deployments.run(version, "start");

        JsonNode release = started.path("children").get(0);
        assertThat(release.path("title").asText()).as("first of all").isEqualTo("Release version 1 of released");
        assertThat(release.path("children").get(0).path("title").asText())
                .isEqualTo("Release command 1 (paasmaker.prepare.shell)");
        assertThat(Files.readAllLines(runs)).containsExactly("version 1");
        JsonNode recorded = api.get("versions/" + version).json();
        assertThat(recorded.path("releasedAt").asText()).as(recorded.toString()).isNotEmpty();

        deployments.run(version, "stop");
        JsonNode again = deployments.run(version, "start");

        assertThat(again.path("children").findValuesAsText("title")).isNotEmpty().noneMatch(title -> title.startsWith("Release"));
        assertThat(Files.readAllLines(runs)).as("once per version").containsExactly("version 1");
        assertThat(api.get("versions/" + version).json().path("releasedAt").asText())
                .isEqualTo(recorded.path("releasedAt").asText());
        assertThat(api.get("versions/" + version + "/instances").json().findValuesAsText("state"))
                .containsExactlyInAnyOrder("STOPPED", "STOPPED", "RUNNING", "RUNNING");
    }
}
