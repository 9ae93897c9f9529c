package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.WireFixtures;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import org.paasmaker.api.routing.RoutingTable;

/** {@code paasmaker deploy}: the whole walk against a scripted server, its output and exit codes. */
class DeployCommandTest {

    static final String MANIFEST = """
            manifest:
              format: 1
            application:
              name: hello-python
              prepare:
                commands:
                  - plugin: paasmaker.prepare.shell
                    parameters:
                      commands:
                        - python3 -m py_compile app.py
            instances:
              - name: web
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters:
                    launch_command: "python3 app.py --port=%(port)d"
                hostnames:
                  - hello-python.localhost
            """;
    private static final String PREPARE = "0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
    private static final String START = "1b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
    private static final String CURRENT = "2b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
    private static final String STOP = "3b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
    private static final String INSTANCE = "2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b";

    @TempDir
    Path home;

    @TempDir
    Path code;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private Map<String, String> environment;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(code.resolve("manifest.yml"), MANIFEST);
        Files.writeString(code.resolve("app.py"), "print('hello')\n");
        server
                .json("GET", "workspaces", 200, "[" + WireFixtures.read("workspace-json.json") + "]")
                .fixture("POST", "workspaces/dev/versions", 202, "version-accepted.json")
                .events("jobs/" + PREPARE + "/events", JobStreams.simple(PREPARE, "Prepare a new version",
                        "Run the prepare commands", JobState.SUCCESS, ""))
                .json("POST", "versions/8/start", 202, JobStreams.accepted(START))
                .events("jobs/" + START + "/events", JobStreams.simple(START, "Start version 3",
                        "Start instance web", JobState.SUCCESS, ""))
                // Version 2 (id 7) is current until version 3 (id 8) is.
                .json("GET", "applications/3/versions", 200, "[" + WireFixtures.read("version-json.json") + "]")
                .json("POST", "versions/7/stop", 202, JobStreams.accepted(STOP))
                .events("jobs/" + STOP + "/events", JobStreams.simple(STOP, "Stop version 2",
                        "Stop web instance", JobState.SUCCESS, ""))
                .json("POST", "versions/8/make-current", 202, JobStreams.accepted(CURRENT))
                .events("jobs/" + CURRENT + "/events", JobStreams.simple(CURRENT, "Make version 3 current",
                        "Publish the routes", JobState.SUCCESS, ""))
                .json("GET", "versions/8/instances", 200, "[" + WireFixtures.read("instance-json.json") + "]")
                .json("GET", "routes", 200, JobStreams.json(RoutingTable.of(9, List.of(
                        Route.of("3.web.hello-python.dev.localhost", List.of(target(INSTANCE))),
                        Route.of("web.hello-python.dev.localhost", List.of(target(INSTANCE))),
                        Route.of("hello-python.localhost", List.of(target(INSTANCE))),
                        Route.of("1.web.other.dev.localhost", List.of(target("9f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b")))))))
                .fixture("GET", "versions/8", 200, "version-json.json");
        environment = new HashMap<>(server.environment(home));
    }

    private static RouteTarget target(String instance) {
        return new RouteTarget("127.0.0.1", 42600, "dev/hello-python", 3, instance);
    }

    @Test
    void uploadsPreparesStartsAndMakesCurrentThenSaysWhereItAnswers() {
        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).matches("(?s)Uploading the directory " + java.util.regex.Pattern.quote(code.toString())
                + "\\.\\.\\.\nUploaded \\d+(\\.\\d)? (B|KiB) in \\d+\\.\\d s\\.\n.*");
        assertThat(run.out().lines().skip(2)).containsExactly(
                "Preparing version 3 of hello-python in workspace dev (version id 8), job " + PREPARE + ":",
                "  Prepare a new version: RUNNING",
                "    Run the prepare commands: RUNNING",
                "    Run the prepare commands: SUCCESS",
                "  Prepare a new version: SUCCESS",
                "Starting version 3 of hello-python, job " + START + ":",
                "  Start version 3: RUNNING",
                "    Start instance web: RUNNING",
                "    Start instance web: SUCCESS",
                "  Start version 3: SUCCESS",
                "Making version 3 of hello-python current, job " + CURRENT + ":",
                "  Make version 3 current: RUNNING",
                "    Publish the routes: RUNNING",
                "    Publish the routes: SUCCESS",
                "  Make version 3 current: SUCCESS",
                "Stopping version 2, current until now, job " + STOP + ":",
                "  Stop version 2: RUNNING",
                "    Stop web instance: RUNNING",
                "    Stop web instance: SUCCESS",
                "  Stop version 2: SUCCESS",
                "Version 3 of hello-python answers at:",
                "  http://3.web.hello-python.dev.localhost:8080/",
                "  http://web.hello-python.dev.localhost:8080/",
                "  http://hello-python.localhost:8080/");
        FakePaasmaker.Request upload = server.requests("POST", "workspaces/dev/versions").get(0);
        assertThat(upload.contentType()).isEqualTo("application/gzip");
        assertThat(upload.query()).isEqualTo("manifest=manifest.yml");
    }

    @Test
    void leavesTheVersionItReplacedRunningWithKeepPrevious() {
        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString(), "--keep-previous");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Making version 3 of hello-python current").doesNotContain("Stopping");
        assertThat(server.requests("POST", "versions/7/stop")).isEmpty();
    }

    @Test
    void showsTheRoutersPortFromTheEnvironment() {
        environment.put("PAASMAKER_ROUTER_PORT", "43001");

        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString());

        assertThat(run.out()).contains("  http://hello-python.localhost:43001/\n");
    }

    @Test
    void stopsAfterPreparingWithNoStart() {
        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString(), "--no-start");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("Version 3 of hello-python is prepared (version id 8); start it with:"
                + " paasmaker version start 8\n");
        assertThat(server.requests("POST", "versions/8/start")).isEmpty();
    }

    @Test
    void leavesTheCurrentVersionWithNoCurrent() {
        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString(), "--no-current");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests("POST", "versions/8/start")).hasSize(1);
        assertThat(server.requests("POST", "versions/8/make-current")).isEmpty();
    }

    @Test
    void printsTheVersionAsJsonWithProgressOnStandardError() throws Exception {
        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JobStreams.JSON.readTree(run.out())).isEqualTo(JobStreams.JSON.readTree(
                WireFixtures.read("version-json.json")));
        assertThat(run.err()).contains("Starting version 3 of hello-python", "  http://hello-python.localhost:8080/");
    }

    @Test
    void showsTheLogOfTheFailedJobAndExitsWith1() {
        String failed = "d4c3b2a1-9f8e-4d7c-8b6a-5a4938271605";
        server.events("jobs/" + PREPARE + "/events", new JobStreams()
                        .state(PREPARE, null, "Prepare a new version", JobState.RUNNING, "")
                        .state(failed, PREPARE, "Run the prepare commands", JobState.RUNNING, "")
                        .log(failed, "+ python3 -m py_compile app.py\n")
                        .state(failed, PREPARE, "Run the prepare commands", JobState.FAILED,
                                "the command exited with status 1")
                        .state(PREPARE, null, "Prepare a new version", JobState.FAILED,
                                "Run the prepare commands: the command exited with status 1")
                        .end(JobStreams.job(PREPARE, null, "Prepare a new version", JobState.FAILED,
                                "Run the prepare commands: the command exited with status 1",
                                JobStreams.job(failed, PREPARE, "Run the prepare commands", JobState.FAILED,
                                        "the command exited with status 1"))))
                .text("GET", "jobs/" + failed + "/log", "+ python3 -m py_compile app.py\n  File \"app.py\", line 1\n"
                        + "SyntaxError: invalid syntax\n");

        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("    Run the prepare commands: FAILED (the command exited with status 1)\n")
                .doesNotContain("Starting");
        assertThat(run.err()).isEqualTo("""
                Run the prepare commands failed (the command exited with status 1). Its log:
                  + python3 -m py_compile app.py
                    File "app.py", line 1
                  SyntaxError: invalid syntax
                paasmaker: preparing the version failed: Run the prepare commands: the command exited with status 1
                """);
        assertThat(server.requests("POST", "versions/8/start")).isEmpty();
    }

    @Test
    void listsEveryErrorOfABadManifestWithItsLineAndUploadsNothing() throws IOException {
        Files.writeString(code.resolve("manifest.yml"), MANIFEST.replace("paasmaker.runtime.shell", "paasmaker.runtime.cobol")
                .replace("hostnames:", "hostname:"));

        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString());

        Path manifest = code.resolve("manifest.yml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith(manifest + ":14: instances[0].runtime.plugin: the runtime"
                    + " 'paasmaker.runtime.cobol' is not available on this platform; it offers: ");
            assertThat(lines.get(1)).isEqualTo(manifest + ":18: instances[0].hostname: unknown key; did you mean"
                    + " 'hostnames'?");
            assertThat(lines.get(2)).isEqualTo("2 errors in " + manifest);
        });
        assertThat(server.requests("POST", "workspaces/dev/versions")).isEmpty();
    }

    @Test
    void listsTheServersManifestErrorsForAnArchive() throws IOException {
        Path archive = Files.writeString(home.resolve("hello.tar.gz"), "not really gzip");
        server.fixture("POST", "workspaces/dev/versions", 400, "problem-invalid-manifest.json");

        CommandLineRun run = CommandLineRun.in(environment, "deploy", archive.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).endsWith("""
                paasmaker: manifest.yml has 2 errors
                manifest.yml:4: application.name: Required
                manifest.yml:9: instances[0].runtime.plugin: 'paasmaker.runtime.cobol' is not a plugin of this platform
                2 errors in manifest.yml
                """);
        assertThat(server.requests("POST", "workspaces/dev/versions").get(0).contentType())
                .isEqualTo("application/gzip");
    }

    @Test
    void refusesWhatIsNeitherDirectoryNorArchiveNorGitUrl() throws IOException {
        Path text = Files.writeString(home.resolve("notes.txt"), "hello");

        CommandLineRun missing = CommandLineRun.in(environment, "deploy", home.resolve("nope").toString());
        CommandLineRun file = CommandLineRun.in(environment, "deploy", text.toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("paasmaker: '" + home.resolve("nope") + "' is not a directory, an archive"
                + " (.tar.gz, .tgz, .zip) or a git URL: there is no such file or directory\n");
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.err()).isEqualTo("paasmaker: '" + text + "' is a file but not an archive; give a directory,"
                + " a .tar.gz, .tgz or .zip archive, or a git URL\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void sendsAGitUrlForTheServerToClone() throws Exception {
        CommandLineRun run = CommandLineRun.in(environment, "deploy", "https://example.com/hello.git", "--branch", "main",
                "--no-start");

        assertThat(run.exitCode()).as(run.err()).isZero();
        FakePaasmaker.Request create = server.requests("POST", "workspaces/dev/versions").get(0);
        assertThat(JobStreams.JSON.readTree(create.text())).isEqualTo(JobStreams.JSON.readTree("{\"source\": {\"type\":"
                + " \"git\", \"url\": \"https://example.com/hello.git\", \"branch\": \"main\"}, \"manifest\": \"manifest.yml\"}"));
    }

    @Test
    void asksWhichWorkspaceWhenTheServerHasSeveral() {
        server.json("GET", "workspaces", 200, "[" + WireFixtures.read("workspace-json.json") + ","
                + " {\"id\": 2, \"name\": \"Production\", \"stub\": \"prod\", \"tags\": {}}]");

        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("paasmaker: which workspace? The server has 2: dev, prod; name one with"
                + " --workspace or PAASMAKER_WORKSPACE, or save a default with 'paasmaker login --workspace WS'\n");
        assertThat(server.requests("POST", "workspaces/dev/versions")).isEmpty();
    }

    @Test
    void takesTheWorkspaceFromTheEnvironment() {
        environment.put("PAASMAKER_WORKSPACE", "staging");
        server.fixture("POST", "workspaces/staging/versions", 404, "problem-not-found.json");

        CommandLineRun run = CommandLineRun.in(environment, "deploy", code.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("paasmaker: there is no workspace 'nope'\n");
        assertThat(server.requests("GET", "workspaces")).isEmpty();
    }
}
