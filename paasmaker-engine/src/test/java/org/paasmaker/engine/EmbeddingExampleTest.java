package org.paasmaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;

/** The program the README shows an embedder, as written there (but for the paths). */
class EmbeddingExampleTest {

    @TempDir
    Path home;

    @Test
    void theReadmeProgramPreparesTheJavaSampleAndPrintsItsJobTree() {
        Path sample = Path.of("..", "samples", "hello-java").toAbsolutePath().normalize();
        String printed;
        JobView tree;
        try (Paasmaker pm = Paasmaker.builder().home(home).build()) {
            Workspace dev = pm.workspaces().create(new NewWorkspace("Development", "dev"));
            JobId job = pm.versions().prepare(new PrepareRequest(dev.id(), SourceSpec.directory(sample)));
            tree = pm.jobs().await(job, Duration.ofMinutes(5));
            printed = tree.render();
        }

        assertThat(tree.state()).as(printed).isEqualTo(JobState.SUCCESS);
        assertThat(printed).isEqualToNormalizingNewlines("""
                Prepare a new version from paasmaker.scm.directory %s: SUCCESS
                  Fetch the source: SUCCESS
                  Read the manifest: SUCCESS
                  Create or reuse the services: SUCCESS
                  Run the prepare commands: SUCCESS
                    Prepare command 1 (paasmaker.prepare.shell): SUCCESS
                  Pack and store the prepared code: SUCCESS
                """.formatted(sample));
    }
}
