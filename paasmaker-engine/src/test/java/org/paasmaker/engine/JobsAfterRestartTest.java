package org.paasmaker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.engine.internal.Directories;

/** An engine built on the home of a closed one shows the jobs that one ran, with their logs. */
class JobsAfterRestartTest {

    @TempDir
    Path temp;

    @Test
    void aPrepareJobsTreeAndLogsOutliveItsEngine() {
        JobView prepared;
        Map<JobId, String> logs;
        try (EngineFixture first = new EngineFixture(home())) {
            prepared = first.prepare(SourceSpec.directory(EngineFixture.sample("hello-python")));
            assertThat(prepared.state()).as(first.logs(prepared)).isEqualTo(JobState.SUCCESS);
            logs = logs(first, prepared);
        }

        try (EngineFixture second = new EngineFixture(home())) {
            assertThat(second.engine().jobs().get(prepared.id())).isEqualTo(prepared);
            assertThat(logs(second, prepared)).isEqualTo(logs);
            assertThat(logs.values()).anySatisfy(log -> assertThat(log).isNotEmpty());
            second.stopEverything();
        }
    }

    @Test
    void aPrepareCutShortByTheEnginesCloseShowsAsFailedAndSaysWhatToDo() throws IOException {
        Path release = temp.resolve("release");
        Path app = Files.createDirectories(temp.resolve("slow-python"));
        Directories.copyTree(EngineFixture.sample("hello-python"), app);
        Path manifest = app.resolve("manifest.yml");
        Files.writeString(manifest, Files.readString(manifest).replace("python3 -m py_compile app.py",
                "echo waiting; while [ ! -e " + release + " ]; do sleep 0.05; done"));
        JobId job;
        try (EngineFixture first = new EngineFixture(home())) {
            job = first.engine().versions().prepare(new PrepareRequest(first.workspace().id(), SourceSpec.directory(app),
                    PrepareRequest.DEFAULT_MANIFEST));
            await().atMost(EngineFixture.JOB_TIMEOUT).until(() -> first.logs(first.engine().jobs().get(job))
                    .contains("waiting"));
        }

        try (EngineFixture second = new EngineFixture(home())) {
            JobView tree = second.engine().jobs().get(job);
            assertThat(tree.state()).isEqualTo(JobState.FAILED);
            assertThat(tree.summary()).contains("engine stopped").contains("run the same action again");
            assertThat(tree.finishedAt()).isPresent();
            // The closing engine ended it at once, rather than leave it for this one to settle.
            assertThat(second.logs(tree)).contains("waiting").doesNotContain("marked it FAILED");
            tree.walk(each -> assertThat(each.state().finished()).as(each.title()).isTrue());
            second.stopEverything();
        }
    }

    private static Map<JobId, String> logs(EngineFixture fixture, JobView tree) {
        Map<JobId, String> logs = new LinkedHashMap<>();
        tree.walk(job -> logs.put(job.id(), fixture.engine().jobs().log(job.id())));
        return logs;
    }

    private Path home() {
        return temp.resolve("home");
    }
}
