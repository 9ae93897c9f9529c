package org.paasmaker.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;

/** The current version, and exclusive instance types that run only for it (break before make). */
class MakeCurrentTest {

    private static final String MANIFEST = """
            manifest: {format: 1}
            application: {name: queue}
            instances:
              - name: worker
                standalone: true
                exclusive: true
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters: {launch_command: "sleep 600", standalone_wait: 1}
              - name: helper
                standalone: true
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters: {launch_command: "sleep 600", standalone_wait: 1}
            """;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    @Test
    void exclusiveTypesRunOnlyForTheCurrentVersionAndBreakBeforeMake() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));
        VersionId one = preparedAndStarted(app);
        assertThat(types(one, InstanceState.RUNNING)).containsExactly("helper");

        assertThat(run(fixture.engine().versions().makeCurrent(one)).state()).isEqualTo(JobState.SUCCESS);
        assertThat(fixture.engine().versions().get(one).current()).isTrue();
        assertThat(types(one, InstanceState.RUNNING)).containsExactlyInAnyOrder("helper", "worker");

        VersionId two = preparedAndStarted(app);
        assertThat(types(two, InstanceState.RUNNING)).containsExactly("helper");
        JobView switched = run(fixture.engine().versions().makeCurrent(two));

        assertThat(switched.state()).as(fixture.logs(switched)).isEqualTo(JobState.SUCCESS);
        assertThat(switched.children()).extracting(JobView::title).first().asString()
                .startsWith("Stop worker instance");
        assertThat(fixture.engine().versions().get(one).current()).isFalse();
        assertThat(fixture.engine().versions().get(two).current()).isTrue();
        assertThat(types(one, InstanceState.RUNNING)).containsExactly("helper");
        assertThat(types(one, InstanceState.STOPPED)).containsExactly("worker");
        assertThat(types(two, InstanceState.RUNNING)).containsExactlyInAnyOrder("helper", "worker");
    }

    @Test
    void aStoppedVersionIsStartedAndMadeCurrentInOneJob() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));
        VersionId one = preparedAndStarted(app);
        assertThat(run(fixture.engine().versions().makeCurrent(one)).state()).isEqualTo(JobState.SUCCESS);
        JobView prepared = fixture.prepare(SourceSpec.directory(app));
        VersionId two = new VersionId(Long.parseLong(prepared.tags().get("version_id")));

        JobView switched = run(fixture.engine().versions().makeCurrent(two));

        assertThat(switched.state()).as(fixture.logs(switched)).isEqualTo(JobState.SUCCESS);
        List<String> titles = switched.children().stream().map(JobView::title).toList();
        assertThat(titles).as("the start comes first").anyMatch(title -> title.startsWith("Start helper instance"));
        assertThat(titles.indexOf("Switch the current version to 2"))
                .isGreaterThan(titles.indexOf(titles.stream().filter(t -> t.startsWith("Start helper")).findFirst()
                        .orElseThrow()));
        assertThat(fixture.engine().versions().get(two).current()).isTrue();
        assertThat(fixture.engine().versions().get(two).state()).hasToString("RUNNING");
        assertThat(types(two, InstanceState.RUNNING)).containsExactlyInAnyOrder("helper", "worker");
        assertThat(types(one, InstanceState.RUNNING)).as("a rollback stays one call away").containsExactly("helper");
    }

    @Test
    void aVersionNotYetPreparedCannotBecomeCurrent() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST.replace(
                "application: {name: queue}", "application: {name: queue, prepare: {commands: [{plugin:"
                        + " paasmaker.prepare.shell, parameters: {commands: [\"exit 3\"]}}]}}")));
        JobView failed = fixture.prepare(SourceSpec.directory(app));
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        VersionId version = new VersionId(Long.parseLong(failed.tags().get("version_id")));

        assertThatThrownBy(() -> fixture.engine().versions().makeCurrent(version))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("version 1 is not prepared yet (it is NEW)");
    }

    @Test
    void lifecycleActionsOfAnApplicationQueueAndRunOneAtATime() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST));
        JobView prepared = fixture.prepare(SourceSpec.directory(app));
        VersionId version = new VersionId(Long.parseLong(prepared.tags().get("version_id")));

        var starting = fixture.engine().versions().start(version);
        var stopping = fixture.engine().versions().stop(version);
        var restarting = fixture.engine().versions().start(version);

        JobView started = run(starting);
        JobView stopped = run(stopping);
        JobView restarted = run(restarting);
        assertThat(List.of(started, stopped, restarted)).extracting(JobView::state).containsOnly(JobState.SUCCESS);
        assertThat(stopped.startedAt().orElseThrow()).isAfterOrEqualTo(started.finishedAt().orElseThrow());
        assertThat(restarted.startedAt().orElseThrow()).isAfterOrEqualTo(stopped.finishedAt().orElseThrow());
        assertThat(types(version, InstanceState.STOPPED)).containsExactly("helper");
        assertThat(types(version, InstanceState.RUNNING)).containsExactly("helper");
    }

    private VersionId preparedAndStarted(Path app) {
        JobView prepared = fixture.prepare(SourceSpec.directory(app));
        VersionId version = new VersionId(Long.parseLong(prepared.tags().get("version_id")));
        JobView started = run(fixture.engine().versions().start(version));
        assertThat(started.state()).as(fixture.logs(started)).isEqualTo(JobState.SUCCESS);
        return version;
    }

    private List<String> types(VersionId version, InstanceState state) {
        return fixture.engine().versions().instances(version).stream().filter(i -> i.state() == state)
                .map(Instance::instanceType).toList();
    }

    private JobView run(org.paasmaker.api.job.JobId job) {
        return fixture.engine().jobs().await(job, EngineFixture.JOB_TIMEOUT);
    }
}
