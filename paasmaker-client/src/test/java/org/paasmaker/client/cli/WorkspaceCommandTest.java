package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.rest.WireFixtures;

class WorkspaceCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String WORKSPACES = "[" + WireFixtures.read("workspace-json.json") + ","
            + " {\"id\": 2, \"name\": \"Production\", \"stub\": \"prod\", \"tags\": {}}]";

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private Map<String, String> environment;

    @BeforeEach
    void start() throws Exception {
        environment = server.environment(home);
    }

    @Test
    void listsTheWorkspacesAsATable() {
        server.json("GET", "workspaces", 200, WORKSPACES);

        CommandLineRun run = CommandLineRun.in(environment, "workspace", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                ID  STUB  NAME         TAGS
                1   dev   Development  RAILS_ENV=development, region={name=eu}
                2   prod  Production
                """);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void printsTheWireRecordsAsJson() throws Exception {
        server.json("GET", "workspaces", 200, WORKSPACES);

        CommandLineRun run = CommandLineRun.in(environment, "workspace", "list", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(WORKSPACES));
    }

    @Test
    void printsTheWireRecordsAsYaml() throws Exception {
        server.fixture("GET", "versions/7", 200, "version-json.json");

        CommandLineRun run = CommandLineRun.in(environment, "version", "show", "7", "-o", "yaml");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new YAMLMapper().readTree(run.out())).isEqualTo(JSON.readTree(WireFixtures.read("version-json.json")));
        assertThat(run.out()).startsWith("id: 7\napplicationId: 3\nnumber: 2\nstate: RUNNING\ncurrent: true\n")
                .contains("createdAt: 2026-12-05T20:43:22.125Z\n", "manifest: |\n  manifest:\n    format: 1\n");
    }

    @Test
    void showsWhenAVersionsReleaseRanAndNothingForOneWithout() throws Exception {
        server.fixture("GET", "versions/7", 200, "version-json.json");
        server.fixture("GET", "versions/8", 200, "version-json-summary.json");

        CommandLineRun released = CommandLineRun.in(environment, "version", "show", "7");
        CommandLineRun fresh = CommandLineRun.in(environment, "version", "show", "8");

        assertThat(released.exitCode()).as(released.err()).isZero();
        assertThat(released.out()).containsPattern("\nReleased: +\\d{4}-\\d{2}-\\d{2}");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(fresh.out()).contains("Created:").doesNotContain("Released");
    }

    @Test
    void takesTheOutputFormatInAnyCase() {
        server.json("GET", "workspaces", 200, WORKSPACES);

        assertThat(CommandLineRun.in(environment, "workspace", "list", "-o", "JSON").exitCode()).isZero();
    }

    @Test
    void refusesAnUnknownOutputFormat() {
        CommandLineRun run = CommandLineRun.in(environment, "workspace", "list", "-o", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--output': expected one of [human, json, yaml]"
                + " (case-insensitive) but was 'xml'");
    }

    @Test
    void showsTheServersMessageForAnUnknownWorkspaceAndExitsWith4() {
        server.fixture("GET", "workspaces/nope", 404, "problem-not-found.json");

        CommandLineRun run = CommandLineRun.in(environment, "workspace", "show", "nope");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("paasmaker: there is no workspace 'nope'\n");
    }

    @Test
    void createsAWorkspaceWithItsTags() throws Exception {
        server.fixture("POST", "workspaces", 201, "workspace-json.json");

        CommandLineRun run = CommandLineRun.in(environment, "workspace", "create", "Development", "--stub", "dev",
                "--tag", "RAILS_ENV=development");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created workspace dev (Development, id 1).\n");
        assertThat(JSON.readTree(server.requests("POST", "workspaces").get(0).text())).isEqualTo(JSON.readTree(
                "{\"name\": \"Development\", \"stub\": \"dev\", \"tags\": {\"RAILS_ENV\": \"development\"}}"));
    }

    @Test
    void updatesOnlyWhatItIsGiven() throws Exception {
        server.fixture("GET", "workspaces/dev", 200, "workspace-json.json")
                .fixture("PUT", "workspaces/dev", 200, "workspace-json.json");

        CommandLineRun run = CommandLineRun.in(environment, "workspace", "update", "dev", "--name", "Dev",
                "--tag", "RAILS_ENV=", "--tag", "team=web");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(server.requests("PUT", "workspaces/dev").get(0).text())).isEqualTo(JSON.readTree(
                "{\"name\": \"Dev\", \"stub\": \"dev\", \"tags\": {\"region\": {\"name\": \"eu\"}, \"team\": \"web\"}}"));
    }

    @Test
    void deletesAWorkspace() {
        server.json("DELETE", "workspaces/dev", 204, "");

        CommandLineRun run = CommandLineRun.in(environment, "workspace", "delete", "dev");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Deleted workspace dev.\n");
    }
}
