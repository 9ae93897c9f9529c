package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prepare runs as Liberty's batch job {@code prepare}, and its job names the batch execution. */
class PrepareBatchIT {

    private static final Duration BATCH_STATUS_WITHIN = Duration.ofSeconds(30);

    private static Api api;
    private static Deployments deployments;
    private static String workspace;

    @TempDir
    static Path temp;

    @BeforeAll
    static void server() {
        api = ItServer.api();
        deployments = new Deployments(api);
        workspace = deployments.newWorkspace("Batch").path("stub").asText();
    }

    @AfterAll
    static void stopEverythingStarted() {
        deployments.cleanUp();
    }

    @Test
    void aPrepareIsABatchExecutionThatLibertyReportsCompleted() {
        Api.Answer accepted = deployments.upload(workspace, Deployments.tarball(ItServer.sample("hello-python"), temp));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String job = accepted.json().path("jobId").asText();

        deployments.versionOf(accepted);
        JsonNode tree = deployments.succeeded(job);

        String execution = tree.path("tags").path("batch_execution_id").asText();
        assertThat(execution).as("the job names its batch execution: %s", tree).matches("[0-9]+");
        JsonNode batch = batchOnceEnded(job);
        assertThat(batch.path("executionId").asText()).isEqualTo(execution);
        assertThat(batch.path("jobName").asText()).isEqualTo("prepare");
        assertThat(batch.path("batchStatus").asText()).isEqualTo("COMPLETED");
        assertThat(batch.path("steps").findValuesAsText("name")).containsExactly("fetch", "manifest", "services", "commands", "pack");
        assertThat(batch.path("steps").findValuesAsText("batchStatus")).containsOnly("COMPLETED");
        String fetch = tree.path("children").get(0).path("id").asText();
        assertThat(api.get("jobs/" + fetch + "/log").body()).startsWith("Runs as the step 'fetch' of batch execution " + execution + ".");
    }

    @Test
    void aFailingPrepareCommandFailsTheJobAsAlwaysAndTheBatchExecution() throws IOException {
        Path source = Files.createDirectories(temp.resolve("failing"));
        Files.writeString(source.resolve("manifest.yml"), Files.readString(ItServer.sample("hello-python").resolve("manifest.yml"))
                .replace("python3 -m py_compile app.py", "ls /no/such/directory"));
        Api.Answer accepted = deployments.upload(workspace, Deployments.tarball(source, temp));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String job = accepted.json().path("jobId").asText();

        deployments.versionOf(accepted);
        JsonNode tree = EventStream.end(EventStream.follow(api, job, Optional.empty(), Deployments.JOB_DEADLINE));

        assertThat(tree.path("state").asText()).as(tree.toString()).isEqualTo("FAILED");
        assertThat(tree.path("summary").asText()).isEqualTo("Prepare command 1 (paasmaker.prepare.shell): the prepare"
                + " command 1 ('ls /no/such/directory') failed with exit code 2; its output is in the job log");
        assertThat(tree.path("children").get(4).path("state").asText()).isEqualTo("ABORTED");
        JsonNode batch = batchOnceEnded(job);
        assertThat(batch.path("batchStatus").asText()).isEqualTo("FAILED");
        assertThat(batch.path("steps").findValuesAsText("name")).as("no batch step runs after the failing one")
                .containsExactly("fetch", "manifest", "services", "commands");
        assertThat(batch.path("steps").findValuesAsText("batchStatus")).containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "FAILED");
    }

    @Test
    void aJobThatRanNoBatchJobHasNoBatchExecution() {
        String version = deployments.prepared(workspace, Deployments.tarball(ItServer.sample("hello-python"), temp));
        Api.Answer deleting = api.delete("versions/" + version);
        assertThat(deleting.status()).as(deleting.body()).isEqualTo(202);
        String delete = deployments.succeeded(deleting.json().path("jobId").asText()).path("id").asText();

        Api.Answer missing = api.get("jobs/" + delete + "/batch");

        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).isEqualTo("No batch execution of the job '" + delete + "' exists.");
    }

    /** The prepare's job ends when the batch job's listener has run; Liberty records its status a moment later. */
    private static JsonNode batchOnceEnded(String job) {
        return await("the batch execution of job " + job + " to end").atMost(BATCH_STATUS_WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("jobs/" + job + "/batch").json(),
                        batch -> batch.path("batchStatus").asText().matches("COMPLETED|FAILED|STOPPED|ABANDONED"));
    }
}
