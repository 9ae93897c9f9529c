package org.paasmaker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.api.rest.BatchExecutionJson;
import org.paasmaker.api.rest.HealthJson;
import org.paasmaker.api.rest.InstanceJson;
import org.paasmaker.api.rest.JobAborted;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.NodeJson;
import org.paasmaker.api.rest.PluginJson;
import org.paasmaker.api.rest.RuntimeJson;
import org.paasmaker.api.rest.ServiceJson;
import org.paasmaker.api.rest.VersionJson;
import org.paasmaker.api.rest.WireFixtures;
import org.paasmaker.api.rest.WorkspaceJson;
import org.paasmaker.api.rest.WorkspaceRequest;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.version.VersionState;

/** Each call's request (verb, path, query, headers, body) and its answer read from the shared wire fixtures. */
class ResourcesTest {

    @RegisterExtension
    final FakeServer server = new FakeServer();
    private final PaasmakerClient client = server.client();

    private FakeServer.Request assertRequest(String method, String path, String query) {
        FakeServer.Request request = server.last();
        assertThat(request.method()).isEqualTo(method);
        assertThat(request.path()).isEqualTo("/api/v1/" + path);
        assertThat(request.query()).isEqualTo(query);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeServer.TOKEN);
        return request;
    }

    @Test
    void healthCarriesItsWarnings() {
        server.fixture("GET", "health", 200, "health-json-disk-low.json");

        assertThat(client.health().warnings()).singleElement().asString().contains("PAASMAKER_DISK_LOW_BYTES");
    }

    @Test
    void diskIsReadWholeAndPerApplication() {
        server.fixture("GET", "disk", 200, "disk-json.json");
        server.fixture("GET", "applications/3/disk", 200, "application-disk-json.json");

        assertThat(client.disk().bytes()).containsEntry("packages", 62914560L).hasSize(8);
        assertThat(client.disk().applications()).singleElement().extracting(a -> a.name()).isEqualTo("hello-python");
        assertThat(client.applications().disk(3).totalBytes()).isEqualTo(157286400L);
    }

    @Test
    void aVersionIsKeptAndReleasedWithPutAndDelete() {
        server.fixture("PUT", "versions/7/kept", 200, "version-json.json");
        server.fixture("DELETE", "versions/7/kept", 200, "version-json-summary.json");

        assertThat(client.versions().keep(7, true).kept()).isTrue();
        assertThat(client.versions().keep(7, false).kept()).isFalse();
        assertThat(server.last().path()).isEqualTo("/api/v1/versions/7/kept");
    }

    @Test
    void healthIsAskedWithoutTheToken() {
        server.fixture("GET", "health", 200, "health-json.json");

        HealthJson health = client.health();

        assertThat(health).isEqualTo(HealthJson.UP);
        assertThat(server.last().path()).isEqualTo("/api/v1/health");
        assertThat(server.last().header("Authorization")).isNull();
    }

    @Test
    void workspacesAreListedReadCreatedUpdatedAndDeleted() {
        server.answer("GET", "workspaces", 200, "application/json", Wire.listOf("workspace-json.json"));
        List<WorkspaceJson> all = client.workspaces().list();
        assertRequest("GET", "workspaces", null);
        assertThat(server.last().header("Accept")).contains("application/json");
        assertThat(all).hasSize(1);
        Wire.assertIsFixture(all.get(0), "workspace-json.json");
        assertThat(all.get(0).tags()).containsEntry("region", Map.of("name", "eu"));

        server.fixture("GET", "workspaces/dev", 200, "workspace-json.json");
        Wire.assertIsFixture(client.workspaces().get("dev"), "workspace-json.json");
        assertRequest("GET", "workspaces/dev", null);

        WorkspaceRequest request = new WorkspaceRequest("Development", "dev", Map.of("RAILS_ENV", "development"));
        server.fixture("POST", "workspaces", 201, "workspace-json.json");
        WorkspaceJson created = client.workspaces().create(request);
        FakeServer.Request post = assertRequest("POST", "workspaces", null);
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(Wire.tree(post.text())).isEqualTo(Wire.tree(WireFixtures.read("workspace-request.json")));
        assertThat(created.id()).isEqualTo(1);

        server.fixture("PUT", "workspaces/1", 200, "workspace-json.json");
        client.workspaces().update("1", request);
        FakeServer.Request put = assertRequest("PUT", "workspaces/1", null);
        assertThat(Wire.tree(put.text())).isEqualTo(Wire.tree(WireFixtures.read("workspace-request.json")));

        server.answer("DELETE", "workspaces/dev", 204, null, "");
        client.workspaces().delete("dev");
        assertRequest("DELETE", "workspaces/dev", null);

        server.answer("GET", "workspaces/dev/applications", 200, "application/json", Wire.listOf("application-json.json"));
        List<ApplicationJson> applications = client.workspaces().applications("dev");
        assertRequest("GET", "workspaces/dev/applications", null);
        Wire.assertIsFixture(applications.get(0), "application-json.json");
    }

    @Test
    void aWorkspaceWithoutTagsIsSentWithoutThem() {
        server.fixture("POST", "workspaces", 201, "workspace-json.json");

        client.workspaces().create(new WorkspaceRequest("Development", "dev", null));

        assertThat(Wire.tree(server.last().text())).isEqualTo(Wire.tree("{\"name\": \"Development\", \"stub\": \"dev\"}"));
    }

    @Test
    void namesInPathsAreEncodedSoTheyCannotReachAnotherPath() {
        server.fixture("GET", "workspaces/a%2Fb%20c", 200, "workspace-json.json");
        server.fixture("GET", "workspaces/%2E%2E", 200, "workspace-json.json");

        client.workspaces().get("a/b c");
        assertThat(server.last().path()).isEqualTo("/api/v1/workspaces/a%2Fb%20c");
        client.workspaces().get("..");
        assertThat(server.last().path()).isEqualTo("/api/v1/workspaces/%2E%2E");
    }

    @Test
    void applicationsTheirVersionsServicesAndDeletion() {
        server.fixture("GET", "applications/3", 200, "application-json.json");
        Wire.assertIsFixture(client.applications().get(3), "application-json.json");
        assertRequest("GET", "applications/3", null);

        server.answer("GET", "applications/3/versions", 200, "application/json", Wire.listOf("version-json-summary.json"));
        List<VersionJson> versions = client.applications().versions(3);
        assertRequest("GET", "applications/3/versions", null);
        Wire.assertIsFixture(versions.get(0), "version-json-summary.json");
        assertThat(versions.get(0).state()).isEqualTo(VersionState.NEW);

        server.answer("GET", "applications/3/services", 200, "application/json", Wire.listOf("service-json.json"));
        List<ServiceJson> services = client.applications().services(3);
        assertRequest("GET", "applications/3/services", null);
        Wire.assertIsFixture(services.get(0), "service-json.json");
        client.applications().services(3, true);
        assertRequest("GET", "applications/3/services", "reveal=true");

        server.fixture("DELETE", "applications/3", 202, "job-accepted.json");
        JobAccepted deleting = client.applications().delete(3, true);
        assertRequest("DELETE", "applications/3", "services=true");
        Wire.assertIsFixture(deleting, "job-accepted.json");
        client.applications().delete(3, false);
        assertRequest("DELETE", "applications/3", "services=false");
    }

    @Test
    void versionsAndTheirLifecycleVerbs() {
        server.fixture("GET", "versions/7", 200, "version-json.json");
        VersionJson version = client.versions().get(7);
        assertRequest("GET", "versions/7", null);
        Wire.assertIsFixture(version, "version-json.json");
        assertThat(version.current()).isTrue();
        assertThat(version.manifest()).contains("hello-python");

        server.answer("GET", "versions/7/instances", 200, "application/json",
                "[" + WireFixtures.read("instance-json.json") + "," + WireFixtures.read("instance-json-standalone.json") + "]");
        List<InstanceJson> instances = client.versions().instances(7);
        assertRequest("GET", "versions/7/instances", null);
        Wire.assertIsFixture(instances.get(0), "instance-json.json");
        Wire.assertIsFixture(instances.get(1), "instance-json-standalone.json");
        assertThat(instances.get(0).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(instances.get(1).port()).isNull();

        for (String verb : List.of("start", "stop", "make-current", "deregister")) {
            server.fixture("POST", "versions/7/" + verb, 202, "job-accepted.json");
        }
        Wire.assertIsFixture(client.versions().start(7), "job-accepted.json");
        assertRequest("POST", "versions/7/start", null);
        client.versions().stop(7);
        assertRequest("POST", "versions/7/stop", null);
        client.versions().makeCurrent(7);
        assertRequest("POST", "versions/7/make-current", null);
        client.versions().deregister(7);
        assertRequest("POST", "versions/7/deregister", null);

        server.fixture("DELETE", "versions/7", 202, "job-accepted.json");
        assertThat(client.versions().delete(7).jobId()).isEqualTo("5d1c9a7e-1a8b-4c3d-8e2f-0a1b2c3d4e5f");
        assertRequest("DELETE", "versions/7", null);
    }

    @Test
    void jobsTheirLogsAbortAndBatch() {
        String id = "0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
        server.fixture("GET", "jobs/" + id, 200, "job-json.json");
        JobJson job = client.jobs().get(id);
        assertRequest("GET", "jobs/" + id, null);
        Wire.assertIsFixture(job, "job-json.json");
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.children()).extracting(JobJson::state).containsExactly(JobState.SUCCESS, JobState.FAILED, JobState.ABORTED);

        server.answer("GET", "jobs/" + id + "/log", 200, "text/plain", "+ python3 -m py_compile app.py\nCompiled.\n");
        assertThat(client.jobs().log(id)).isEqualTo("+ python3 -m py_compile app.py\nCompiled.\n");
        assertRequest("GET", "jobs/" + id + "/log", null);
        assertThat(server.last().header("Accept")).startsWith("text/plain");

        server.fixture("POST", "jobs/" + id + "/abort", 200, "job-aborted.json");
        JobAborted aborted = client.jobs().abort(id);
        assertRequest("POST", "jobs/" + id + "/abort", null);
        assertThat(aborted.aborted()).isTrue();

        server.fixture("GET", "jobs/" + id + "/batch", 200, "batch-execution-json.json");
        BatchExecutionJson batch = client.jobs().batch(id);
        assertRequest("GET", "jobs/" + id + "/batch", null);
        Wire.assertIsFixture(batch, "batch-execution-json.json");
    }

    @Test
    void anInstanceLogIsItsLastLines() {
        String id = "2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b";
        server.answer("GET", "instances/" + id + "/log", 200, "text/plain; charset=UTF-8", "one\ntwo – ü\n");

        assertThat(client.instances().log(id, 2)).isEqualTo("one\ntwo – ü\n");
        assertRequest("GET", "instances/" + id + "/log", "lines=2");
    }

    @Test
    void nodesRuntimesPluginsRoutesAndRouterStatistics() {
        server.answer("GET", "nodes", 200, "application/json", Wire.listOf("node-json.json"));
        List<NodeJson> nodes = client.nodes();
        assertRequest("GET", "nodes", null);
        Wire.assertIsFixture(nodes.get(0), "node-json.json");

        server.answer("GET", "runtimes", 200, "application/json", Wire.listOf("runtime-json.json"));
        List<RuntimeJson> runtimes = client.runtimes();
        assertRequest("GET", "runtimes", null);
        Wire.assertIsFixture(runtimes.get(0), "runtime-json.json");

        server.answer("GET", "plugins", 200, "application/json", Wire.listOf("plugin-json.json"));
        List<PluginJson> plugins = client.plugins();
        assertRequest("GET", "plugins", null);
        Wire.assertIsFixture(plugins.get(0), "plugin-json.json");
        assertThat(plugins.get(0).parameters().get(1).defaultValue()).isEqualTo(20);

        server.fixture("GET", "routes", 200, "routing-table.json");
        RoutingTable routes = client.routes();
        assertRequest("GET", "routes", null);
        Wire.assertIsFixture(routes, "routing-table.json");

        server.fixture("GET", "router/stats", 200, "router-statistics.json");
        RouterStatistics statistics = client.routerStatistics();
        assertRequest("GET", "router/stats", null);
        Wire.assertIsFixture(statistics, "router-statistics.json");
    }

    @Test
    void aNewerServersPropertiesAndStatesAreIgnored() {
        server.answer("GET", "versions/9/instances", 200, "application/json", "[{\"id\": \"x\", \"versionId\": 9,"
                + " \"state\": \"HIBERNATING\", \"colour\": \"blue\", \"createdAt\": \"2026-12-05T20:44:00.500Z\","
                + " \"nested\": {\"a\": [1, 2]}}]");

        List<InstanceJson> instances = client.versions().instances(9);

        assertThat(instances).singleElement().satisfies(instance -> {
            assertThat(instance.id()).isEqualTo("x");
            assertThat(instance.state()).isNull();
        });
    }

    @Test
    void theApisOwnAddressWorksAsTheServer() throws IOException {
        server.fixture("GET", "nodes", 200, "health-json.json");
        server.answer("GET", "nodes", 200, "application/json", "[]");
        try (PaasmakerClient direct = PaasmakerClient.builder().server(server.uri() + "/api/v1").token(FakeServer.TOKEN).build()) {
            assertThat(direct.nodes()).isEmpty();
        }
        assertThat(server.last().path()).isEqualTo("/api/v1/nodes");
    }
}
