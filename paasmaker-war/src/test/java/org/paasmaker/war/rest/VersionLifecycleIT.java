package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version's whole life over the API: upload, follow, start, reach the instance, make current, replace. */
class VersionLifecycleIT {

    private static final Path SAMPLE = ItServer.sample("hello-python");

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
    void anUploadedVersionRunsAndBecomesCurrentThenASecondReplacesIt() throws Exception {
        String workspace = deployments.newWorkspace("Lifecycle").path("stub").asText();

        Api.Answer accepted = deployments.upload(workspace, Deployments.tarball(SAMPLE, temp));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String job = accepted.json().path("jobId").asText();
        assertThat(accepted.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/jobs/" + job));
        assertThat(accepted.json().path("events").asText()).endsWith("/api/v1/jobs/" + job + "/events");
        JsonNode answered = accepted.json().path("version");
        assertThat(answered.path("id").asText()).as(accepted.body()).matches("[1-9][0-9]*");
        assertThat(answered.path("number").asInt()).isEqualTo(1);
        assertThat(accepted.json().path("application").path("name").asText()).isEqualTo("hello-python");
        assertThat(accepted.json().path("application").path("id").asLong())
                .isEqualTo(answered.path("applicationId").asLong());
        String first = deployments.versionOf(accepted);

        List<EventStream.Event> events = EventStream.follow(api, job, Optional.empty(), Deployments.JOB_DEADLINE);
        JsonNode tree = EventStream.end(events);
        assertThat(tree.path("state").asText()).as(tree.toString()).isEqualTo("SUCCESS");
        assertThat(events).extracting(EventStream.Event::name).contains("state", "log");
        assertThat(logText(events)).contains("py_compile");
        resumingFromAnyEventLosesAndRepeatsNothing(job, events);

        assertThat(tree.path("tags").path("version_id").asText()).as("the job names the same version").isEqualTo(first);
        assertThat(tree.path("startedBy").asText()).as("started with the operator's token").isEqualTo("operator");
        JsonNode version = api.get("versions/" + first).json();
        assertThat(version.path("state").asText()).isEqualTo("PREPARED");
        assertThat(version.path("current").asBoolean()).isFalse();
        assertThat(version.path("manifest").asText()).contains("name: hello-python");

        String application = accepted.json().path("application").path("id").asText();
        assertThat(api.get("applications/" + application).json().path("name").asText()).isEqualTo("hello-python");
        assertThat(api.get("workspaces/" + workspace + "/applications").json().findValuesAsText("name")).containsExactly("hello-python");
        assertThat(api.get("applications/" + application + "/versions").json().findValuesAsText("id")).containsExactly(first);
        JsonNode services = api.get("applications/" + application + "/services").json();
        assertThat(services.get(0).path("name").asText()).isEqualTo("settings");
        assertThat(services.get(0).path("credentials").path("colour").asText()).isEqualTo("blue");

        deployments.run(first, "start");
        JsonNode instance = api.get("versions/" + first + "/instances").json().get(0);
        assertThat(instance.path("state").asText()).isEqualTo("RUNNING");
        int port = instance.path("port").asInt();
        HttpResponse<String> page = api.http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hello-python");
        // The instance's log writer (svlogd) writes what the instance printed a moment later.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Answer log = api.get("instances/" + instance.path("id").asText() + "/log?lines=20");
            assertThat(log.status()).isEqualTo(200);
            assertThat(log.body()).contains("GET / ");
        });

        deployments.run(first, "make-current");
        String number = api.get("versions/" + first).json().path("number").asText();
        assertThat(ItServer.throughRouter("hello-python.localhost", "/")).as("the manifest's hostname")
                .startsWith("HTTP/1.1 200").contains("\"name\": \"hello-python\"");
        assertThat(ItServer.throughRouter(number + ".web.hello-python." + workspace + ".localhost", "/"))
                .as("the version's own hostname").startsWith("HTTP/1.1 200");
        assertThat(ItServer.throughRouter("nobody.example.com", "/")).startsWith("HTTP/1.1 404");
        JsonNode routes = api.get("routes").json();
        assertThat(routes.path("routes").findValuesAsText("hostname")).contains("hello-python.localhost",
                "web.hello-python." + workspace + ".localhost");
        assertThat(api.get("versions/" + first).json().path("current").asBoolean()).isTrue();

        Api.Answer fromDirectory = api.postJson("workspaces/" + workspace + "/versions",
                Map.of("source", Map.of("type", "directory", "path", SAMPLE.toString())));
        assertThat(fromDirectory.status()).as(fromDirectory.body()).isEqualTo(202);
        assertThat(fromDirectory.json().path("version").path("number").asInt()).isEqualTo(2);
        assertThat(fromDirectory.json().path("application").path("name").asText()).isEqualTo("hello-python");
        String second = deployments.versionOf(fromDirectory);
        deployments.succeeded(fromDirectory.json().path("jobId").asText());
        assertThat(api.get("versions/" + second).json().path("number").asInt()).isEqualTo(2);
        deployments.run(second, "start");
        deployments.run(second, "make-current");
        assertThat(api.get("versions/" + second).json().path("current").asBoolean()).isTrue();
        assertThat(api.get("versions/" + first).json().path("current").asBoolean()).isFalse();
        assertThat(ItServer.throughRouter("hello-python.localhost", "/")).contains("\"version\": 2");
        JsonNode stats = api.get("router/stats").json();
        assertThat(stats.path("applications").findValuesAsText("application"))
                .contains(workspace + "/hello-python");

        Api.Answer serving = api.delete("versions/" + second);
        assertThat(serving.status()).as(serving.body()).isEqualTo(409);
        assertThat(serving.json().path("detail").asText()).contains("make another version current, or stop it");

        Api.Answer notEmpty = api.delete("workspaces/" + workspace);
        assertThat(notEmpty.status()).isEqualTo(409);
        assertThat(notEmpty.json().path("type").asText()).isEqualTo("conflict");
    }

    /** Each event's id resumes the stream right after it: every job's log arrives whole, once. */
    private static void resumingFromAnyEventLosesAndRepeatsNothing(String job, List<EventStream.Event> events) {
        Map<String, String> whole = logsByJob(events);
        for (int i = 0; i < events.size() - 1; i++) {
            List<EventStream.Event> joined = new ArrayList<>(events.subList(0, i + 1));
            joined.addAll(EventStream.follow(api, job, Optional.of(events.get(i).id()), Deployments.JOB_DEADLINE));
            assertThat(logsByJob(joined)).as("resumed after event %d", i).isEqualTo(whole);
            assertThat(EventStream.end(joined)).isEqualTo(EventStream.end(events));
        }
    }

    private static Map<String, String> logsByJob(List<EventStream.Event> events) {
        Map<String, String> logs = new LinkedHashMap<>();
        events.stream().filter(e -> e.name().equals("log")).map(EventStream.Event::json)
                .forEach(data -> logs.merge(data.path("job").asText(), data.path("text").asText(), String::concat));
        return logs;
    }

    private static String logText(List<EventStream.Event> events) {
        return String.join("", logsByJob(events).values());
    }
}
