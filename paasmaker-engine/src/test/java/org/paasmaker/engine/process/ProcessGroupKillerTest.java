package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

class ProcessGroupKillerTest {

    /** Long enough that only SIGTERM, never the SIGKILL after it, can have ended what it stops. */
    private static final Duration PATIENT = Duration.ofMinutes(2);
    private static final Duration IMPATIENT = Duration.ofMillis(300);

    @TempDir
    Path directory;

    private DetachedProcesses processes;
    private final ProcessGroupKiller killer = new ProcessGroupKiller();

    @BeforeEach
    void startFixture() {
        processes = new DetachedProcesses(directory);
    }

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void stopsTheLeaderAndEveryOtherMemberOfItsGroup() {
        LaunchedProcess process = processes.launch("bash", "-c", "sleep 300 & sleep 300 & wait");
        List<ProcessIdentity> members = identities(membersOnceThereAre(3, process));

        killer.stop(process.identity(), PATIENT);

        assertThat(members).noneMatch(ProcessIdentity::isAlive);
        assertThat(DetachedProcesses.liveMembers(process.pid())).isEmpty();
    }

    @Test
    void everyMemberOfTheGroupGetsSigterm() {
        LaunchedProcess process = processes.launch("bash", "-c", """
                for child in 1 2; do
                  ( trap "echo child $child got TERM; exit 0" TERM; while true; do sleep 0.1; done ) &
                done
                trap "echo leader got TERM; exit 0" TERM
                wait
                """);
        membersOnceThereAre(5, process); // the leader, two subshells, and the sleep of each

        killer.stop(process.identity(), PATIENT);

        assertThat(process.spec().logFile()).content()
                .contains("leader got TERM", "child 1 got TERM", "child 2 got TERM");
        assertThat(DetachedProcesses.liveMembers(process.pid())).isEmpty();
    }

    @Test
    void whatIgnoresSigtermGetsSigkillAfterTheGracePeriod() {
        LaunchedProcess process = processes.launch("bash", "-c", "trap '' TERM; while true; do sleep 0.2; done");
        membersOnceThereAre(2, process); // bash, and its sleep of the moment

        killer.stop(process.identity(), IMPATIENT);

        assertThat(process.identity().isAlive()).isFalse();
        assertThat(DetachedProcesses.liveMembers(process.pid())).isEmpty();
    }

    @Test
    void aDescendantThatStartedASessionOfItsOwnIsStoppedToo() {
        LaunchedProcess process = processes.launch("bash", "-c", "setsid sleep 300 & sleep 300 & wait");
        ProcessIdentity escaped = await().until(() -> ProcStat.all().stream()
                        .filter(stat -> stat.parentPid() == process.pid() && stat.session() != process.pid())
                        .findFirst()
                        .flatMap(stat -> ProcessIdentity.of(stat.pid())),
                found -> found.isPresent()).orElseThrow();
        processes.stopAtEnd(escaped);

        killer.stop(process.identity(), PATIENT);

        assertThat(escaped.isAlive()).isFalse();
        assertThat(DetachedProcesses.liveMembers(process.pid())).isEmpty();
    }

    @Test
    void whatADeadLeaderLeftBehindInItsGroupIsStopped() {
        LaunchedProcess process = processes.launch("bash", "-c", "sleep 300 & echo left a sleep behind");
        await().until(() -> !process.identity().isAlive());
        List<ProcStat> leftBehind = DetachedProcesses.liveMembers(process.pid());
        assertThat(leftBehind).hasSize(1);

        killer.stop(process.identity(), PATIENT);

        assertThat(DetachedProcesses.liveMembers(process.pid())).isEmpty();
    }

    @Test
    void aPidNowHeldByAnotherProcessIsNeverSignalled() {
        LaunchedProcess process = processes.launch("sleep", "300");
        ProcessIdentity real = process.identity();

        killer.stop(new ProcessIdentity(real.pid(), real.startTicks() + 1, real.bootId()), IMPATIENT);
        killer.stop(new ProcessIdentity(real.pid(), real.startTicks(), "00000000-0000-0000-0000-000000000000"), IMPATIENT);

        assertThat(real.isAlive()).isTrue();
    }

    @Test
    void stoppingAProcessThatHasEndedReturnsAtOnce() {
        LaunchedProcess process = processes.launch("true");
        await().until(() -> !process.identity().isAlive());

        killer.stop(process.identity(), PATIENT);

        assertThat(process.identity().isAlive()).isFalse();
    }

    @Test
    void refusesToStopTheEngineItself() {
        ProcessIdentity engine = ProcessIdentity.of(ProcessHandle.current().pid()).orElseThrow();

        assertThatThrownBy(() -> killer.stop(engine, IMPATIENT))
                .isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("refusing to stop process " + engine.pid());
    }

    private static List<ProcStat> membersOnceThereAre(int count, LaunchedProcess process) {
        return await().until(() -> DetachedProcesses.liveMembers(process.pid()), found -> found.size() == count);
    }

    /** For members that do not come and go. */
    private static List<ProcessIdentity> identities(List<ProcStat> members) {
        return members.stream().map(member -> ProcessIdentity.of(member.pid()).orElseThrow()).toList();
    }
}
