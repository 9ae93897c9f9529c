package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paasmaker.api.rest.WireFixtures;

/** The listing commands: their tables, and json that is the fixture the server would send. */
class ResourceCommandsTest {

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private Map<String, String> environment;

    @BeforeEach
    void start() throws Exception {
        server
                .json("GET", "workspaces/dev/applications", 200, "[" + WireFixtures.read("application-json.json") + "]")
                .fixture("GET", "applications/3", 200, "application-json.json")
                .json("GET", "applications/3/versions", 200, "[" + WireFixtures.read("version-json-summary.json") + "]")
                .json("GET", "applications/3/services", 200, "[" + WireFixtures.read("service-json.json") + "]")
                .json("GET", "versions/7/instances", 200, "[" + WireFixtures.read("instance-json.json") + "]")
                .json("GET", "nodes", 200, "[" + WireFixtures.read("node-json.json") + "]")
                .json("GET", "runtimes", 200, "[" + WireFixtures.read("runtime-json.json") + "]")
                .json("GET", "plugins", 200, "[" + WireFixtures.read("plugin-json.json") + "]")
                .fixture("GET", "routes", 200, "routing-table.json")
                .fixture("GET", "router/stats", 200, "router-statistics.json")
                .fixture("GET", "disk", 200, "disk-json.json")
                .fixture("GET", "applications/3/disk", 200, "application-disk-json.json")
                .text("GET", "instances/2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b/log", "127.0.0.1 - - \"GET / HTTP/1.1\" 200 -\n");
        environment = server.environment(home, "PAASMAKER_WORKSPACE", "dev");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application list dev          | [application-json.json]",
        "application show dev/hello-python | application-json.json",
        "version list 3                | [version-json-summary.json]",
        "version list hello-python     | [version-json-summary.json]",
        "version instances 7           | [instance-json.json]",
        "service list dev/hello-python | [service-json.json]",
        "node list                     | [node-json.json]",
        "runtime list                  | [runtime-json.json]",
        "plugin list                   | [plugin-json.json]",
        "route list                    | routing-table.json",
        "router stats                  | router-statistics.json",
        "disk                          | disk-json.json",
        "disk dev/hello-python         | application-disk-json.json",
        "instance log 2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b | instance-log-lines.json"})
    void printsTheWireRecordsAsJson(String command, String fixture) throws Exception {
        String[] args = (command.strip() + " -o json").split(" ");
        String expected = fixture.startsWith("[") ? "[" + WireFixtures.read(fixture.substring(1, fixture.length() - 1))
                + "]" : WireFixtures.read(fixture);

        CommandLineRun run = CommandLineRun.in(environment, args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JobStreams.JSON.readTree(run.out())).isEqualTo(JobStreams.JSON.readTree(expected));
    }

    @Test
    void listsVersions() {
        CommandLineRun run = CommandLineRun.in(environment, "version", "list", "dev/hello-python");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("ID  VERSION  STATE  CURRENT  KEPT  SOURCE             CREATED\n"
                + "8   3        NEW                   paasmaker.scm.git  2026-12-0\\d \\d\\d:\\d\\d:01\n");
    }

    @Test
    void listsInstances() {
        CommandLineRun run = CommandLineRun.in(environment, "version", "instances", "7");

        assertThat(run.out().lines().findFirst()).contains("ID                                    TYPE  STATE    NODE"
                + "   PORT   STARTED              RESTARTS  REASON");
        assertThat(run.out()).contains("2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b  web   RUNNING  local  42600");
    }

    @Test
    void listsServicesWithTheirCredentialsOnlyWhenAsked() {
        assertThat(CommandLineRun.in(environment, "service", "list", "3").out())
                .isEqualTo("ID  NAME      PLUGIN                        PARAMETERS\n"
                        + "4   settings  paasmaker.service.parameters  colour=blue\n");
        assertThat(CommandLineRun.in(environment, "service", "list", "3", "--credentials").out())
                .contains("CREDENTIALS", "provider=paasmaker.service.parameters");
    }

    @Test
    void listsRoutesWithTheirTargets() {
        CommandLineRun run = CommandLineRun.in(environment, "route", "list");

        assertThat(run.out()).isEqualTo("""
                Routing table generation 7:
                HOSTNAME                          APPLICATION   VERSION  TARGETS
                1.web.hello-python.dev.localhost  hello-python  1        127.0.0.1:42600
                *.hello.example.com                                      (none: the router answers 503)
                """);
    }

    @Test
    void showsRouterStatistics() {
        CommandLineRun run = CommandLineRun.in(environment, "router", "stats");

        assertThat(run.out().lines()).hasSize(5).first().asString().startsWith("APPLICATION");
        assertThat(run.out()).contains("(no instance)", "5.3 KiB", "2.5");
    }

    @Test
    void listsNodesRuntimesAndPlugins() {
        assertThat(CommandLineRun.in(environment, "node", "list").out()).isEqualTo("""
                NAME      ADDRESS    STATE   INSTANCES  PORTS        RUNTIMES                                              TAGS
                rack-b-1  10.0.0.12  ACTIVE  2          42600-42699  paasmaker.runtime.java 17, paasmaker.runtime.shell 1  zone=a
                """);
        assertThat(CommandLineRun.in(environment, "runtime", "list").out()).isEqualTo("""
                RUNTIME                 VERSIONS  SUMMARY
                paasmaker.runtime.java  17, 25    Runs a Java program with a JDK installed on the node.
                """);
        assertThat(CommandLineRun.in(environment, "plugin", "list").out()).contains(
                "paasmaker.runtime.shell  RUNTIME  launch_command*, start_timeout");
    }

    @Test
    void saysWhichApplicationsAWorkspaceHasWhenOneIsNotThere() {
        CommandLineRun run = CommandLineRun.in(environment, "application", "show", "dev/hello-ruby");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("paasmaker: No application 'hello-ruby' exists in workspace 'dev'; it has"
                + " hello-python.\n");
    }

    @Test
    void deletesAnApplicationWithItsServices() {
        server.fixture("DELETE", "applications/3", 202, "job-accepted.json");

        CommandLineRun run = CommandLineRun.in(environment, "application", "delete", "3", "--with-services", "--detach");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests("DELETE", "applications/3").get(0).query()).isEqualTo("services=true");
        assertThat(run.out()).startsWith("Deleting application 3 with its services: job ");
    }

    @Test
    void printsAnInstancesLog() {
        CommandLineRun run = CommandLineRun.in(environment, "instance", "log", "2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b",
                "--lines", "5");

        assertThat(run.out()).isEqualTo("127.0.0.1 - - \"GET / HTTP/1.1\" 200 -\n");
        assertThat(server.requests("GET", "instances/2f9c1e6a-7b3d-4e8f-9a0b-1c2d3e4f5a6b/log").get(0).query())
                .isEqualTo("lines=5");
    }

    @Test
    void showsWhatThePlatformHoldsOnItsDisk() {
        CommandLineRun run = CommandLineRun.in(environment, "disk");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                /var/lib/paasmaker holds 175.0 MB; the disk has 49.0 GB free of 251.0 GB (the platform keeps 1.0 GB free)

                KIND       SIZE
                packages   60.0 MB
                instances  70.0 MB
                logs       30.0 MB
                services   10.0 MB
                jobs       2.0 MB
                uploads    0 B
                work       0 B
                other      3.0 MB

                APPLICATION       VERSIONS  PACKAGES  INSTANCES  LOGS     TOTAL
                dev/hello-python  6         60.0 MB   70.0 MB    20.0 MB  150.0 MB
                """);
    }

    @Test
    void showsWhatOneApplicationHoldsOnTheDisk() {
        CommandLineRun run = CommandLineRun.in(environment, "disk", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                dev/hello-python (6 versions):
                KIND       SIZE
                packages   60.0 MB
                instances  70.0 MB
                logs       20.0 MB
                total      150.0 MB
                """);
    }

    @Test
    void keepsAVersionAndTakesTheMarkOff() {
        server.fixture("PUT", "versions/7/kept", 200, "version-json.json");
        server.fixture("DELETE", "versions/8/kept", 200, "version-json-summary.json");

        CommandLineRun kept = CommandLineRun.in(environment, "version", "keep", "7");
        CommandLineRun released = CommandLineRun.in(environment, "version", "keep", "--no", "8");

        assertThat(kept.exitCode()).as(kept.err()).isZero();
        assertThat(kept.out()).isEqualTo("Version 2 (id 7) is kept: the platform never deletes it.\n");
        assertThat(released.out()).isEqualTo("Version 3 (id 8) is no longer kept: the platform deletes it once it is"
                + " old and stopped.\n");
        assertThat(server.requests("PUT", "versions/7/kept")).hasSize(1);
        assertThat(server.requests("DELETE", "versions/8/kept")).hasSize(1);
    }
}
