package org.paasmaker.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.engine.job.JobRecords;

/** The file store's job trees: a file each beside the store's file, as the engine kept them before the store did. */
class FileStoreJobsTest extends JobRepositoryContract {

    @TempDir
    Path directory;

    private FileStore store;

    @Override
    protected JobRepository newJobs() {
        store = FileStore.open(directory.resolve("store.json"));
        return store.jobs();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aTreeRecordedBeforeTheStoreKeptTreesIsReadWithItsLogsBesideIt() throws IOException {
        JobId root = new JobId("6f1c1d9e-3b0a-4c55-9d62-0a1f4b5e7c10");
        Path jobsDirectory = Files.createDirectories(directory.resolve("jobs"));
        Files.writeString(jobsDirectory.resolve(root + ".tree.json"), """
                {"format":1,"root":{"id":"%s","title":"Prepare hello","state":"SUCCESS","summary":"",
                "tags":{"version_id":"3"},"startedBy":"alice","createdAt":"2026-01-02T03:04:05Z",
                "startedAt":"2026-01-02T03:04:06Z","finishedAt":"2026-01-02T03:04:07Z","children":[]}}
                """.formatted(root));

        assertThat(jobs.holding(root)).hasValueSatisfying(tree -> {
            assertThat(tree.root().state()).isEqualTo(JobState.SUCCESS);
            assertThat(tree.root().startedBy()).contains("alice");
            assertThat(tree.controller()).isEqualTo(JobRecords.UNNAMED);
            assertThat(tree.logs()).isEqualTo(jobsDirectory.toString());
        });
        assertThat(jobs.loggedIn(jobsDirectory.toString())).hasSize(1);
    }
}
