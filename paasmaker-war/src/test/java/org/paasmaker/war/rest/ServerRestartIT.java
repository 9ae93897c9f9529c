package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's restart: the server stops and starts again under load through the router. The router and
 * the instances are processes of their own, so the application must not notice, and the next server
 * must find every record as it was and adopt the instances rather than start new ones.
 *
 * <p>The prepare the stop cuts short has made a PostgreSQL, a MySQL and a Redis service first, so the
 * managed database servers run while the server stops: the next server adopts them too, and starts
 * none of them a second time.
 *
 * <p>It stops the server the other tests use, so it starts it again whatever happens (failsafe's
 * order of classes is no promise), before it cleans up.
 */
class ServerRestartIT {

    private static final Path SAMPLE = ItServer.sample("hello-python");
    private static final String HOSTNAME = "hello-python.localhost";
    private static final int CLIENTS = 4;
    private static final Duration PAUSE = Duration.ofMillis(20);
    /** About a second of the load's answers at its pace: the server is truly down while they come. */
    private static final long ANSWERS_WHILE_DOWN = 150;
    private static final Duration DOWN_DEADLINE = Duration.ofMinutes(1);

    private static Api api;
    private static Deployments deployments;
    /** The application of the prepare the stop cuts short, deleted with its services at the end. */
    private static String slowApplication;

    @TempDir
    static Path temp;

    @BeforeAll
    static void server() {
        api = ItServer.api();
        deployments = new Deployments(api);
    }

    @AfterAll
    static void serverRunningAndEverythingStartedStopped() {
        if (!ItServer.running()) {
            ItServer.start();
        }
        Api after = ItServer.api();
        deployments.over(after).cleanUp();
        if (slowApplication != null) {
            Api.Answer deleting = after.delete("applications/" + slowApplication + "?services=true");
            if (deleting.status() == 202) {
                EventStream.follow(after, deleting.json().path("jobId").asText(), Optional.empty(),
                        Deployments.JOB_DEADLINE);
            }
        }
    }

    @Test
    void theApplicationAnswersThroughTheRouterWhileTheServerStopsAndStartsAndNothingIsLostOrDuplicated()
            throws Exception {
        String workspace = deployments.newWorkspace("Restart").path("stub").asText();
        String version = deployments.prepared(workspace, Deployments.tarball(SAMPLE, temp));
        deployments.run(version, "start");
        deployments.run(version, "make-current");
        JsonNode versionBefore = api.get("versions/" + version).json();
        JsonNode instancesBefore = api.get("versions/" + version + "/instances").json();
        Set<String> instanceIds = Set.copyOf(instancesBefore.findValuesAsText("id"));
        List<JsonNode> routesBefore = routesTo(instanceIds);
        assertThat(routesBefore).as("the routes to %s", instancesBefore).isNotEmpty();

        long answersWhileDown;
        long answersWhileStarting;
        Duration stopping;
        Duration starting;
        RouterLoad load = new RouterLoad(HOSTNAME, "\"application\": \"hello-python\"", CLIENTS, PAUSE);
        try (load) {
            await("the load's first answers").atMost(DOWN_DEADLINE).until(() -> load.answeredSince(0, CLIENTS * 10L));
            String interrupted = prepareRunningItsSteps(workspace);
            ManagedProcesses serversBefore = managedProcesses();
            assertThat(serversBefore).as("the managed servers the slow prepare's services started")
                    .matches(p -> p.postmaster() > 0 && p.mariadbd() > 0 && p.redis() > 0)
                    .matches(p -> p.postmasters() == 1 && p.mariadbds() == 1);

            long stopAt = System.nanoTime();
            ItServer.stop();
            stopping = Duration.ofNanos(System.nanoTime() - stopAt);
            long startAt;
            long atStart;
            try {
                HttpRequest health = HttpRequest.newBuilder(ItServer.base().resolve("api/v1/health"))
                        .timeout(Duration.ofSeconds(5)).build();
                assertThatThrownBy(() -> api.http().send(health, HttpResponse.BodyHandlers.discarding()))
                        .as("the server is down").isInstanceOf(IOException.class);
                long atDown = load.answers();
                await("%d answers through the router while the server is down".formatted(ANSWERS_WHILE_DOWN))
                        .atMost(DOWN_DEADLINE).until(() -> load.answeredSince(atDown, ANSWERS_WHILE_DOWN));
                answersWhileDown = load.answers() - atDown;
            } finally {
                startAt = System.nanoTime();
                atStart = load.answers();
                ItServer.start();
            }

            // A new client: the old one's pooled connections went to the stopped server.
            api = ItServer.api();
            starting = Duration.ofNanos(System.nanoTime() - startAt);
            answersWhileStarting = load.answers() - atStart;
            deployments = deployments.over(api);
            long atUp = load.answers();
            await("answers through the router after the restart").atMost(DOWN_DEADLINE)
                    .until(() -> load.answeredSince(atUp, CLIENTS * 10L));

            await("the managed database servers %s adopted, each the same process and alone, over health rounds"
                    .formatted(serversBefore)).during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> managedProcesses().equals(serversBefore));

            JsonNode job = api.get("jobs/" + interrupted).json();
            assertThat(job.path("state").asText()).as("the prepare the stop cut short: %s", job).isEqualTo("FAILED");
            assertThat(job.path("summary").asText()).as("why it failed: %s", job)
                    .contains("the engine stopped before this job finished");
        }
        System.out.printf("Server restart under load: %d answers through the router, %d failures; %d answers while"
                + " the server was down and %d while it started; 'server stop' took %d ms, start to health 200 %d ms%n",
                load.answers(), load.failures(), answersWhileDown, answersWhileStarting, stopping.toMillis(),
                starting.toMillis());
        assertThat(load.failures()).as("failed requests through the router, the first of them: %s", load.firstFailures())
                .isZero();

        JsonNode versionAfter = api.get("versions/" + version).json();
        assertThat(versionAfter).as("the version's record after the restart").isEqualTo(versionBefore);
        assertThat(versionAfter.path("state").asText()).isEqualTo("RUNNING");
        assertThat(versionAfter.path("current").asBoolean()).isTrue();

        JsonNode instancesAfter = api.get("versions/" + version + "/instances").json();
        assertThat(instancesAfter.findValuesAsText("id")).as("the instances after the restart: %s", instancesAfter)
                .containsExactlyInAnyOrderElementsOf(instanceIds);
        assertThat(instancesAfter).as("the instances' records after the restart").isEqualTo(instancesBefore);
        assertThat(instancesAfter.findValuesAsText("state")).containsOnly("RUNNING");
        assertThat(routesTo(instanceIds)).as("the routes to the instances").isEqualTo(routesBefore);
    }

    /**
     * Starts a prepare whose command runs for longer than the test and returns its job once that
     * command runs, so that the stop cuts it short.
     */
    private static String prepareRunningItsSteps(String workspace) throws IOException {
        Path source = Files.createDirectories(temp.resolve("slow-prepare"));
        Files.writeString(source.resolve("manifest.yml"), """
                manifest:
                  format: 1
                application:
                  name: restart-slow-prepare
                  prepare:
                    commands:
                      - plugin: paasmaker.prepare.shell
                        parameters:
                          commands:
                            - sleep 300
                instances:
                  - name: web
                    quantity: 1
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 -m http.server %(port)d"
                services:
                  - name: db
                    plugin: paasmaker.service.postgres
                  - name: mysqldatabase
                    plugin: paasmaker.service.mysql
                  - name: cache
                    plugin: paasmaker.service.managedredis
                """);
        Api.Answer accepted = api.postJson("workspaces/" + workspace + "/versions",
                Map.of("source", Map.of("type", "directory", "path", source.toString())));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String job = accepted.json().path("jobId").asText();
        await("the prepare command of job " + job + " to run").atMost(Deployments.JOB_DEADLINE)
                .until(() -> runningTitles(api.get("jobs/" + job).json()).stream()
                        .anyMatch(title -> title.startsWith("Prepare command")));
        deployments.versionOf(accepted);
        slowApplication = accepted.json().path("application").path("id").asText();
        return job;
    }

    /**
     * The managed servers' pids (PostgreSQL's postmaster, mariadbd, the Redis server of the slow
     * prepare's service) and how many processes run a server in each one's folder.
     */
    private record ManagedProcesses(long postmaster, long mariadbd, long redis, int postmasters, int mariadbds) {
    }

    private static ManagedProcesses managedProcesses() {
        JsonNode services = api.get("applications/" + slowApplication + "/services").json();
        String redis = StreamSupport.stream(services.spliterator(), false)
                .filter(service -> service.path("name").asText().equals("cache"))
                .map(service -> service.path("credentials").path("name").asText()).findFirst().orElseThrow();
        return new ManagedProcesses(ManagedServers.postmasterPid().orElse(0L), ManagedServers.mariadbPid().orElse(0L),
                ManagedServers.redisPid(redis).filter(pid -> ProcessHandle.of(pid).isPresent()).orElse(0L),
                ManagedServers.serversIn(ManagedServers.postgresDirectory(), "postgres").size(),
                ManagedServers.serversIn(ManagedServers.mysqlDirectory(), "mariadbd").size());
    }

    private static List<String> runningTitles(JsonNode job) {
        List<String> titles = new ArrayList<>();
        if (job.path("state").asText().equals("RUNNING")) {
            titles.add(job.path("title").asText());
        }
        job.path("children").forEach(child -> titles.addAll(runningTitles(child)));
        return titles;
    }

    /** The router's routes with a target among the instances, as the server reports its table. */
    private static List<JsonNode> routesTo(Set<String> instanceIds) {
        JsonNode routes = api.get("routes").json().path("routes");
        return StreamSupport.stream(routes.spliterator(), false)
                .filter(route -> route.path("targets").findValuesAsText("instanceId").stream().anyMatch(instanceIds::contains))
                .toList();
    }
}
