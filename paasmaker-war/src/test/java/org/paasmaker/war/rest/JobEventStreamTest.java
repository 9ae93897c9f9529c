package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.api.rest.JobStateChange;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.WorkspaceId;
import org.paasmaker.engine.Paasmaker;

/**
 * A real prepare job followed as it runs, the stream driven by what the engine tells: its lines while
 * its command still runs, its end at once, and resumption from any event.
 */
class JobEventStreamTest {

    private static final Duration DEADLINE = Duration.ofMinutes(1);

    @TempDir
    Path temp;

    private Paasmaker engine;
    private WorkspaceId workspace;
    private ScheduledExecutorService scheduler;
    private Path release;

    @BeforeEach
    void start() {
        engine = Paasmaker.builder().home(temp.resolve("home")).build();
        workspace = engine.workspaces().create(new NewWorkspace("Test", "test")).id();
        scheduler = Executors.newScheduledThreadPool(2);
        release = temp.resolve("release");
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        engine.close();
    }

    @Test
    void aRunningJobsLinesArriveWhileItsCommandRunsAndItsEndClosesTheStream() throws Exception {
        JobId job = prepare("echo started", "while [ ! -e " + release + " ]; do sleep 0.02; done", "echo finished");
        CollectedEvents client = new CollectedEvents();
        follow(job, JobCursor.START, client);

        client.awaitEvent(e -> e.data() instanceof JobLogLines lines && lines.text().contains("started\n"), DEADLINE,
                "the first command's line");
        assertThat(engine.jobs().get(job).state()).isEqualTo(JobState.RUNNING);
        assertThat(client.events()).extracting(CollectedEvents.Sent::name).doesNotContain("end");

        Files.createFile(release);
        CollectedEvents.Sent end = client.awaitEvent(e -> e.name().equals("end"), DEADLINE, "the end");
        await("the stream to close").atMost(DEADLINE).until(client::closedByStream);

        JobView tree = engine.jobs().get(job);
        assertThat(((JobJson) end.data()).state()).isEqualTo(JobState.SUCCESS);
        assertThat(client.events().get(client.events().size() - 1)).isEqualTo(end);
        assertThat(logsByJob(client.events())).isEqualTo(logsOf(tree));
        assertThat(finalStates(client.events())).as("each job's end, children before their parents")
                .hasSize(countJobs(tree)).endsWith(job.value());
        System.out.printf("Job events, in-process: the job's end (finishedAt) to its end event: %.1f ms%n",
                Duration.between(tree.finishedAt().orElseThrow(), end.at()).toNanos() / 1e6);
    }

    @Test
    void fromEveryEventsIdAFollowedJobResumesWithNothingLostOrRepeated() {
        JobId job = prepare("echo one", "sleep 0.2", "echo two");
        CollectedEvents first = new CollectedEvents();
        follow(job, JobCursor.START, first);
        first.awaitEvent(e -> e.name().equals("end"), DEADLINE, "the end");
        List<CollectedEvents.Sent> all = first.events();

        for (int i = 0; i < all.size(); i++) {
            CollectedEvents resumed = new CollectedEvents();
            follow(job, JobCursor.decode(all.get(i).id()), resumed);
            resumed.awaitEvent(e -> e.name().equals("end"), DEADLINE, "the end after resuming at event " + i);
            List<CollectedEvents.Sent> joined = new ArrayList<>(all.subList(0, i + 1));
            joined.addAll(resumed.events());
            assertThat(logsByJob(joined)).as("resumed after event %d", i).isEqualTo(logsByJob(all));
            assertThat(resumed.events().get(resumed.events().size() - 1).data()).isEqualTo(
                    all.get(all.size() - 1).data());
        }
    }

    @Test
    void aClientThatLeftIsLetGoAtTheNextChange() throws Exception {
        JobId job = prepare("echo started", "while [ ! -e " + release + " ]; do sleep 0.02; done", "echo finished");
        CollectedEvents client = new CollectedEvents();
        follow(job, JobCursor.START, client);
        client.awaitEvent(e -> e.data() instanceof JobLogLines lines && lines.text().contains("started"), DEADLINE,
                "the first line");
        int before = client.sent.size();

        client.leave();
        Files.createFile(release);
        engine.jobs().await(job, DEADLINE);

        await("the stream to let the client go").atMost(DEADLINE).until(client::closedByStream);
        assertThat(client.sent).hasSize(before);
    }

    @Test
    void aFinishedJobIsToldWholeAndEndsAtOnce() {
        JobId job = prepare("echo only");
        JobView tree = engine.jobs().await(job, DEADLINE);
        CollectedEvents client = new CollectedEvents();
        follow(job, JobCursor.START, client);

        client.awaitEvent(e -> e.name().equals("end"), DEADLINE, "the end");
        assertThat(client.events()).extracting(CollectedEvents.Sent::data)
                .isEqualTo(new JobEvents(engine.jobs(), job).since(JobCursor.START).stream().map(JobEvents.Event::data)
                        .toList());
        assertThat(logsByJob(client.events())).isEqualTo(logsOf(tree));
    }

    private void follow(JobId job, JobCursor from, CollectedEvents client) {
        new JobEventStream(engine.jobs(), new JobEvents(engine.jobs(), job), from, client, scheduler, scheduler).start();
    }

    private JobId prepare(String... commands) {
        try {
            Path app = Files.createDirectories(temp.resolve("app-" + System.nanoTime()));
            StringBuilder manifest = new StringBuilder(String.join("\n",
                    "manifest:",
                    "  format: 1",
                    "application:",
                    "  name: events",
                    "  prepare:",
                    "    commands:",
                    "      - plugin: paasmaker.prepare.shell",
                    "        parameters:",
                    "          commands:",
                    ""));
            for (String command : commands) {
                manifest.append("            - \"").append(command.replace("\"", "\\\"")).append("\"\n");
            }
            manifest.append(String.join("\n",
                    "instances:",
                    "  - name: web",
                    "    runtime:",
                    "      plugin: paasmaker.runtime.shell",
                    "      version: 1",
                    "      parameters:",
                    "        launch_command: \"true %(port)d\"",
                    ""));
            Files.writeString(app.resolve("manifest.yml"), manifest);
            return engine.versions().prepare(new PrepareRequest(workspace, SourceSpec.directory(app)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> logsOf(JobView tree) {
        Map<String, String> logs = new LinkedHashMap<>();
        tree.walk(job -> {
            String log = engine.jobs().log(job.id());
            if (!log.isEmpty()) {
                logs.put(job.id().value(), log);
            }
        });
        return logs;
    }

    private static Map<String, String> logsByJob(List<CollectedEvents.Sent> events) {
        Map<String, String> logs = new LinkedHashMap<>();
        events.stream().filter(e -> e.data() instanceof JobLogLines).map(e -> (JobLogLines) e.data())
                .forEach(lines -> logs.merge(lines.job(), lines.text(), String::concat));
        return logs;
    }

    private static List<String> finalStates(List<CollectedEvents.Sent> events) {
        return events.stream().filter(e -> e.data() instanceof JobStateChange change && change.state().finished())
                .map(e -> ((JobStateChange) e.data()).job()).toList();
    }

    private static int countJobs(JobView job) {
        int[] count = {0};
        job.walk(j -> count[0]++);
        return count[0];
    }
}
