package org.paasmaker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;

class VersionDeleteTest {

    private static final String MANIFEST = String.join("\n",
            "manifest:",
            "  format: 1",
            "application:",
            "  name: deletable",
            "instances:",
            "  - name: web",
            "    runtime:",
            "      plugin: paasmaker.runtime.shell",
            "      version: 1",
            "      parameters:",
            "        launch_command: \"python3 -m http.server %(port)d\"",
            "");

    @TempDir
    Path temp;

    private EngineFixture fixture;

    @BeforeEach
    void start() {
        fixture = new EngineFixture(temp.resolve("home"));
    }

    @AfterEach
    void stop() {
        fixture.stopEverything();
        fixture.close();
    }

    @Test
    void aVersionWithInstancesLeftIsKeptAndOneWithoutIsGoneForGood() throws Exception {
        Path app = EngineFixture.writeApp(temp.resolve("app"), Map.of("manifest.yml", MANIFEST));
        VersionId version = prepared(app);
        succeeds(fixture.engine().versions().start(version));

        assertThatThrownBy(() -> fixture.engine().versions().delete(version))
                .isInstanceOf(PaasmakerException.class).hasMessageContaining("still has 1 instance")
                .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.CONFLICT));

        succeeds(fixture.engine().versions().deregister(version));
        fixture.engine().versions().delete(version);

        assertThatThrownBy(() -> fixture.engine().versions().get(version)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture.engine().versions().instances(version)).isInstanceOf(NotFoundException.class);
        VersionId next = prepared(app);
        assertThat(fixture.engine().versions().get(next).number()).isEqualTo(2);
    }

    private VersionId prepared(Path app) {
        JobView job = fixture.prepare(SourceSpec.directory(app));
        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        return new VersionId(Long.parseLong(job.tags().get("version_id")));
    }

    private void succeeds(JobId job) {
        JobView done = fixture.engine().jobs().await(job, EngineFixture.JOB_TIMEOUT);
        assertThat(done.state()).as(fixture.logs(done)).isEqualTo(JobState.SUCCESS);
    }
}
