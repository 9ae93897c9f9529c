package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instance's output followed over Server-Sent Events: its last lines, each new line, resumption and the end. */
class InstanceLogIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);

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
    void anInstancesOutputIsFollowedLineByLineResumedAfterAnyEventAndEndsWhenItIsDeregistered() throws Exception {
        String workspace = deployments.newWorkspace("Instance log").path("stub").asText();
        String version = deployments.prepared(workspace, Deployments.tarball(ItServer.sample("hello-python"), temp));
        deployments.run(version, "start");
        JsonNode instance = api.get("versions/" + version + "/instances").json().get(0);
        String id = instance.path("id").asText();
        int port = instance.path("port").asInt();
        String before = request(port, "/before-" + UUID.randomUUID());
        await("the request to be logged").atMost(WITHIN).until(() -> api.get("instances/" + id + "/log").body()
                .contains(before));

        try (EventStream.Open log = EventStream.open(api, "instances/" + id + "/log?lines=1", Optional.empty())) {
            EventStream.Event first = log.await(e -> true, WITHIN, "the last line");
            assertThat(log.status).isEqualTo(200);
            assertThat(log.contentType).startsWith("text/event-stream");
            assertThat(first.name()).isEqualTo("log");
            assertThat(first.json().path("instance").asText()).isEqualTo(id);
            assertThat(first.json().path("text").asText()).as("the last line only").contains(before)
                    .endsWith("\n").hasLineCount(1);

            String written = request(port, "/after-" + UUID.randomUUID());
            EventStream.Event next = log.await(e -> e.data().contains(written), WITHIN, "a line written after it opened");
            assertThat(Long.parseLong(next.id())).isGreaterThan(Long.parseLong(first.id()));

            String resumed = request(port, "/resumed-" + UUID.randomUUID());
            try (EventStream.Open again = EventStream.open(api, "instances/" + id + "/log", Optional.of(next.id()))) {
                EventStream.Event after = again.await(e -> true, WITHIN, "the lines after the event it resumed from");
                assertThat(after.json().path("text").asText()).as("nothing repeated, nothing lost")
                        .doesNotContain(written).contains(resumed);
            }

            Api.Answer plain = api.get("instances/" + id + "/log?lines=5");
            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.contentType()).as("a plain GET stays plain text").startsWith("text/plain");
            assertThat(plain.body()).contains(resumed);
            Api.Answer anything = api.send(api.request("instances/" + id + "/log").header("Accept", "*/*").GET().build());
            assertThat(anything.contentType()).startsWith("text/plain");
            Api.Answer refused = api.send(api.request("instances/" + id + "/log").header("Accept", "text/event-stream")
                    .header("Last-Event-ID", "not-an-offset").GET().build());
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);

            deployments.run(version, "stop");
            deployments.run(version, "deregister");
            await("the stream to end with the instance").atMost(WITHIN).until(() -> log.ended);
        }
    }

    /** One request to the instance itself; its path, which the instance logs. */
    private static String request(int port, String path) throws Exception {
        HttpResponse<String> page = api.http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return path;
    }
}
