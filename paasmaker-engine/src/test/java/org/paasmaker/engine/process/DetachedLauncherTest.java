package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.PaasmakerException;

class DetachedLauncherTest {

    /** O_APPEND in the octal flags of /proc/<pid>/fdinfo/<fd>. */
    private static final int O_APPEND = 02000;
    private static final int O_ACCMODE = 03;
    private static final int O_RDWR = 02;

    @TempDir
    Path directory;

    private DetachedProcesses processes;

    @BeforeEach
    void startFixture() {
        processes = new DetachedProcesses(directory);
    }

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void runsInASessionAndProcessGroupOfItsOwn() {
        LaunchedProcess process = processes.launch("bash", "-c", "sleep 300 & sleep 300 & wait");

        ProcStat stat = ProcStat.of(process.pid()).orElseThrow();
        ProcStat engine = ProcStat.of(ProcessHandle.current().pid()).orElseThrow();
        assertThat(process.identity().isAlive()).isTrue();
        assertThat(stat.session()).isEqualTo(process.pid()).isNotEqualTo(engine.session());
        assertThat(stat.processGroup()).isEqualTo(process.pid()).isNotEqualTo(engine.processGroup());
        await().untilAsserted(() -> assertThat(DetachedProcesses.liveMembers(process.pid())).hasSize(3)
                .allSatisfy(member -> assertThat(member.session()).isEqualTo(process.pid())));
    }

    @Test
    void runsInTheGivenDirectory() throws IOException {
        LaunchedProcess process = processes.launch("sleep", "300");

        assertThat(Files.readSymbolicLink(proc(process, "cwd"))).isEqualTo(directory.toRealPath());
    }

    @Test
    void writesStdoutAndStderrStraightToItsLogFileInAppendModeNeverToAPipe() throws IOException {
        Path log = directory.resolve("output.log");
        Files.writeString(log, "before\n");
        LaunchedProcess process = processes.launch(new LaunchSpec(
                List.of("bash", "-c", "echo to stdout; echo to stderr >&2; exec sleep 300"), directory,
                DetachedProcesses.ENVIRONMENT, log));

        await().untilAsserted(() -> assertThat(Files.readString(log)).isEqualTo("before\nto stdout\nto stderr\n"));
        assertThat(Files.readSymbolicLink(fd(process, "0"))).isEqualTo(Path.of("/dev/null"));
        for (String output : List.of("1", "2")) {
            assertThat(Files.readSymbolicLink(fd(process, output))).isEqualTo(log.toRealPath());
            assertThat(openFlags(process, output) & O_APPEND).as("O_APPEND on fd " + output).isNotZero();
        }
        try (Stream<Path> open = Files.list(proc(process, "fd"))) {
            assertThat(open).as("nothing of the JVM's is left open in it").hasSize(3);
        }
    }

    @Test
    void passesExactlyTheGivenEnvironmentEvenTheVariablesAShellSetsForItself() throws IOException {
        Map<String, String> environment = new HashMap<>(DetachedProcesses.ENVIRONMENT);
        environment.putAll(Map.of("GREETING", "hello, world", "LINES", "one\ntwo", "PWD", "/not/where/it/runs",
                "IFS", ",", "OPTIND", "7", "PPID", "1", "_", "underscore", "EMPTY", ""));

        assertThat(environmentSeenBy(environment)).isEqualTo(environment);
    }

    @Test
    void addsNoVariableOfItsOwn() throws IOException {
        assertThat(environmentSeenBy(DetachedProcesses.ENVIRONMENT)).isEqualTo(DetachedProcesses.ENVIRONMENT);
    }

    @Test
    void refusesEnvironmentNamesThatCannotPassThroughAShell() {
        assertThatThrownBy(() -> new LaunchSpec(List.of("true"), directory, Map.of("spring.profiles", "dev"),
                directory.resolve("log")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'spring.profiles'");
    }

    @Test
    void aCommandThatIsNotFoundEndsAndItsLogSaysWhy() {
        LaunchedProcess process = processes.launch("no-such-command-anywhere", "--flag");

        await().until(() -> !process.identity().isAlive());
        assertThat(process.spec().logFile()).content().contains("no-such-command-anywhere").contains("not found");
    }

    @Test
    void aMissingWorkingDirectoryIsAnErrorNamingIt() {
        Path missing = directory.resolve("missing");

        assertThatThrownBy(() -> processes.launch(new LaunchSpec(List.of("sleep", "300"), missing,
                DetachedProcesses.ENVIRONMENT, directory.resolve("log"))))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("'sleep 300'")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aProcessWritingToANamedPipeThatNobodyReadsGetsNoSigpipe() {
        CappedLog log = new CappedLog(directory.resolve("log"));
        log.prepare(LogLimit.DEFAULT);

        LaunchedProcess process = processes.launch(new LaunchSpec(List.of("sh", "-c", "echo one; echo two >&2; exit 7"),
                directory, DetachedProcesses.ENVIRONMENT, log.pipe()));

        // Nothing ever read the pipe: the process holds its read end itself, so its writes succeeded.
        await().until(() -> process.exitStatus().isPresent());
        assertThat(process.exitStatus()).as("7, not 141 (SIGPIPE)").hasValue(7);
    }

    @Test
    void aNamedPipeIsOpenedForReadingAndWritingAsStdoutAndStderr() throws IOException {
        CappedLog log = new CappedLog(directory.resolve("log"));
        log.prepare(LogLimit.DEFAULT);

        LaunchedProcess process = processes.launch(new LaunchSpec(List.of("sleep", "300"), directory,
                DetachedProcesses.ENVIRONMENT, log.pipe()));

        // The launch returns once the gate is open; the shell points its outputs at the pipe just after.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                Files.readSymbolicLink(fd(process, "1")).equals(log.pipe())
                        && Files.readSymbolicLink(fd(process, "2")).equals(log.pipe()));
        for (String output : List.of("1", "2")) {
            assertThat(Files.readSymbolicLink(fd(process, output))).isEqualTo(log.pipe());
            assertThat(openFlags(process, output) & O_ACCMODE).as("O_RDWR on fd " + output).isEqualTo(O_RDWR);
        }
    }

    private Map<String, String> environmentSeenBy(Map<String, String> environment) throws IOException {
        Path log = directory.resolve("environment.log");
        LaunchedProcess process = processes.launch(new LaunchSpec(List.of("env", "-0"), directory, environment, log));
        await().until(() -> !process.identity().isAlive());
        Map<String, String> seen = new HashMap<>();
        for (String entry : Files.readString(log, StandardCharsets.UTF_8).split("\0")) {
            int equals = entry.indexOf('=');
            seen.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return seen;
    }

    private static Path proc(LaunchedProcess process, String... names) {
        return Path.of("/proc/" + process.pid(), names);
    }

    private static Path fd(LaunchedProcess process, String fd) {
        return proc(process, "fd", fd);
    }

    private static int openFlags(LaunchedProcess process, String fd) throws IOException {
        String flags = Files.readAllLines(proc(process, "fdinfo", fd)).stream()
                .filter(line -> line.startsWith("flags:")).findFirst().orElseThrow();
        return Integer.parseInt(flags.substring("flags:".length()).strip(), 8);
    }
}
