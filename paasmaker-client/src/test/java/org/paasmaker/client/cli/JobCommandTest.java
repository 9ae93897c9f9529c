package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.WireFixtures;

class JobCommandTest {

    private static final String JOB = "0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
    private static final String CHILD = "d4c3b2a1-9f8e-4d7c-8b6a-5a4938271605";

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private Map<String, String> environment;

    @BeforeEach
    void start() throws Exception {
        server.fixture("GET", "versions/8", 200, "version-json.json");
        environment = server.environment(home);
    }

    private void failingJob() {
        server.events("jobs/" + JOB + "/events", new JobStreams()
                .state(JOB, null, "Prepare a new version", JobState.RUNNING, "")
                .state(CHILD, JOB, "Run the prepare commands", JobState.RUNNING, "")
                .log(CHILD, "+ python3 -m py_compile app.py\nCompiled.\n")
                .state(CHILD, JOB, "Run the prepare commands", JobState.FAILED, "the command exited with status 1")
                .state(JOB, null, "Prepare a new version", JobState.FAILED, "Run the prepare commands: failed")
                .end(JobStreams.job(JOB, null, "Prepare a new version", JobState.FAILED,
                        "Run the prepare commands: failed")));
    }

    @Test
    void showsATreeIndentedByDepth() {
        server.fixture("GET", "jobs/" + JOB, 200, "job-json.json");

        CommandLineRun run = CommandLineRun.in(environment, "job", "show", JOB);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                Started by: alice
                Prepare a new version: FAILED (Run the prepare commands: the command exited with status 1)
                  Fetch the source: SUCCESS
                  Run the prepare commands: FAILED (the command exited with status 1)
                  Pack and store: ABORTED (not run: Run the prepare commands: the command exited with status 1)
                """);
    }

    @Test
    void followsStatesAndLogLinesLiveAndExitsWith1WhenTheJobFailed() {
        failingJob();

        CommandLineRun run = CommandLineRun.in(environment, "job", "follow", JOB);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                Prepare a new version: RUNNING
                  Run the prepare commands: RUNNING
                    | + python3 -m py_compile app.py
                    | Compiled.
                  Run the prepare commands: FAILED (the command exited with status 1)
                Prepare a new version: FAILED (Run the prepare commands: failed)
                """);
        assertThat(run.err()).isEqualTo("paasmaker: job " + JOB + " failed: Run the prepare commands: failed\n");
    }

    @Test
    void followsAsJsonLinesOfEventAndData() throws Exception {
        failingJob();

        CommandLineRun run = CommandLineRun.in(environment, "job", "follow", JOB, "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(6);
        assertThat(JobStreams.JSON.readTree(run.out().lines().toList().get(2))).isEqualTo(JobStreams.JSON.readTree(
                "{\"event\": \"log\", \"data\": {\"job\": \"" + CHILD + "\", \"text\": \"+ python3 -m py_compile app.py\\n"
                        + "Compiled.\\n\"}}"));
        assertThat(JobStreams.JSON.readTree(run.out().lines().toList().get(5)).path("event").asText()).isEqualTo("end");
    }

    @Test
    void indentsAFinishedTreeToldChildrenFirst() {
        server.fixture("GET", "jobs/" + JOB, 200, "job-json.json")
                .events("jobs/" + JOB + "/events", new JobStreams()
                        .state("c3b2a190-8f7e-4d6c-9b5a-493827160504", JOB, "Fetch the source", JobState.SUCCESS, "")
                        .log("d4c3b2a1-9f8e-4d7c-8b6a-5a4938271605", "+ false\n")
                        .state(CHILD, JOB, "Run the prepare commands", JobState.FAILED, "failed")
                        .state(JOB, null, "Prepare a new version", JobState.FAILED, "failed")
                        .end(JobStreams.job(JOB, null, "Prepare a new version", JobState.FAILED, "failed")));

        CommandLineRun run = CommandLineRun.in(environment, "job", "follow", JOB);

        assertThat(run.out()).isEqualTo("""
                  Fetch the source: SUCCESS
                    | + false
                  Run the prepare commands: FAILED (failed)
                Prepare a new version: FAILED (failed)
                """);
        assertThat(server.requests("GET", "jobs/" + JOB)).hasSize(1);
    }

    @Test
    void printsALog() {
        server.text("GET", "jobs/" + JOB + "/log", "line one\nline two\n");

        CommandLineRun run = CommandLineRun.in(environment, "job", "log", JOB);

        assertThat(run.out()).isEqualTo("line one\nline two\n");
    }

    @Test
    void abortsAJob() {
        server.fixture("POST", "jobs/" + JOB + "/abort", 200, "job-aborted.json");

        CommandLineRun run = CommandLineRun.in(environment, "job", "abort", JOB);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Aborted job " + JOB + ".\n");
    }

    @Test
    void versionVerbsFollowTheirJob() {
        String start = "1b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
        server.json("POST", "versions/8/start", 202, JobStreams.accepted(start))
                .events("jobs/" + start + "/events", JobStreams.simple(start, "Start version 3", "Start instance web",
                        JobState.SUCCESS, ""));

        CommandLineRun run = CommandLineRun.in(environment, "version", "start", "8");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                Starting version 2 (id 8), job 1b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11:
                  Start version 3: RUNNING
                    Start instance web: RUNNING
                    Start instance web: SUCCESS
                  Start version 3: SUCCESS
                """);
    }

    @Test
    void aFailedVerbShowsTheFailedJobsLog() {
        String stop = "1b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
        server.json("POST", "versions/8/make-current", 202, JobStreams.accepted(stop))
                .events("jobs/" + stop + "/events", JobStreams.simple(stop, "Make version 3 current",
                        "Publish the routes", JobState.FAILED, "version 8 is not running"))
                .text("GET", "jobs/1b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a1f/log", "");

        CommandLineRun run = CommandLineRun.in(environment, "version", "make-current", "8");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("""
                Publish the routes failed (version 8 is not running); its log is empty.
                paasmaker: making version 2 (id 8) current failed: version 8 is not running
                """);
    }

    @Test
    void detachedVerbsPrintTheJob() throws Exception {
        server.fixture("DELETE", "versions/8", 202, "job-accepted.json");

        CommandLineRun human = CommandLineRun.in(environment, "version", "delete", "8", "--detach");
        CommandLineRun json = CommandLineRun.in(environment, "version", "delete", "8", "--detach", "-o", "json");

        assertThat(human.out()).isEqualTo("Deleting version 2 (id 8): job 5d1c9a7e-1a8b-4c3d-8e2f-0a1b2c3d4e5f; follow it with:"
                + " paasmaker job follow 5d1c9a7e-1a8b-4c3d-8e2f-0a1b2c3d4e5f\n");
        assertThat(JobStreams.JSON.readTree(json.out())).isEqualTo(JobStreams.JSON.readTree(
                WireFixtures.read("job-accepted.json")));
    }
}
