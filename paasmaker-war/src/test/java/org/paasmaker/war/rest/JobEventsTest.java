package org.paasmaker.war.rest;

import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.api.rest.JobStateChange;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.engine.Paasmaker;

/**
 * The events of a real prepare job, computed after it ended and in pieces, as a resuming client sees them
 * (its cursor holds byte offsets of the logs, so text beyond ASCII must come out whole).
 */
class JobEventsTest {

    private static final String MANIFEST = String.join("\n",
            "manifest:",
            "  format: 1",
            "application:",
            "  name: events",
            "  prepare:",
            "    commands:",
            "      - plugin: paasmaker.prepare.shell",
            "        parameters:",
            "          commands:",
            "            - echo first line",
            "            - echo second line",
            "            - echo 'grüße – the log is read by bytes, the text is whole'",
            "instances:",
            "  - name: web",
            "    runtime:",
            "      plugin: paasmaker.runtime.shell",
            "      version: 1",
            "      parameters:",
            "        launch_command: \"true %(port)d\"",
            "");

    private static final Actor ANN = new Actor("ann", Optional.of(new UserId(7)));

    @TempDir
    Path temp;

    private Paasmaker engine;
    private JobView tree;

    @BeforeEach
    void prepare() throws Exception {
        engine = Paasmaker.builder().home(temp.resolve("home")).build();
        Path app = Files.createDirectories(temp.resolve("app"));
        Files.writeString(app.resolve("manifest.yml"), MANIFEST);
        var workspace = engine.workspaces().create(new NewWorkspace("Test", "test"));
        JobId job = engine.as(ANN, () -> engine.versions().prepare(new PrepareRequest(workspace.id(), SourceSpec.directory(app))));
        tree = engine.jobs().await(job, Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aFinishedTreeGivesEachJobsLogThenItsStateChildrenBeforeParentsThenEnd() {
        List<JobEvents.Event> events = new JobEvents(engine.jobs(), tree.id()).since(JobCursor.START);

        assertThat(events.get(events.size() - 1).name()).isEqualTo("end");
        List<String> finished = new ArrayList<>();
        events.stream().filter(e -> e.name().equals("state")).map(e -> (JobStateChange) e.data())
                .forEach(change -> finished.add(change.job()));
        assertThat(finished).hasSize(countJobs(tree)).endsWith(tree.id().value());
        String logs = events.stream().filter(e -> e.name().equals("log"))
                .map(e -> ((JobLogLines) e.data()).text()).reduce("", String::concat);
        assertThat(logs).contains("first line", "second line", "grüße – the log is read by bytes, the text is whole");
        StringBuilder whole = new StringBuilder();
        tree.walk(job -> whole.append(engine.jobs().log(job.id())));
        assertThat(logs).as("every job's whole log, once").isEqualTo(whole.toString());
    }

    @Test
    void everyStateEventNamesWhoStartedTheTreeAsItsEndDoes() {
        List<JobEvents.Event> events = new JobEvents(engine.jobs(), tree.id()).since(JobCursor.START);

        List<String> starters = events.stream().filter(e -> e.name().equals("state"))
                .map(e -> ((JobStateChange) e.data()).startedBy()).toList();
        assertThat(starters).hasSize(countJobs(tree)).containsOnly("ann");
        assertThat(((JobJson) events.get(events.size() - 1).data()).startedBy()).isEqualTo("ann");
    }

    @Test
    void fromAnyEventsCursorTheRestFollowsAndNothingElse() {
        JobEvents source = new JobEvents(engine.jobs(), tree.id());
        List<JobEvents.Event> all = source.since(JobCursor.START);
        int end = all.size() - 1;

        for (int i = 0; i < end; i++) {
            JobCursor cursor = JobCursor.decode(all.get(i).cursor().encode());
            assertThat(source.since(cursor)).as("after event %d", i).isEqualTo(all.subList(i + 1, all.size()));
        }
        // A client that reconnects after the end is told the end again, so its stream closes at once.
        assertThat(source.since(all.get(end).cursor())).containsExactly(all.get(end));
    }

    private static int countJobs(JobView job) {
        int[] count = {0};
        job.walk(j -> count[0]++);
        return count[0];
    }
}
