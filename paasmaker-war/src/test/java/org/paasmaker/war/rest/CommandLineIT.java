package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code paasmaker} command line as users run it: {@code java -jar paasmaker.jar ...} as a process of
 * its own, with the server and token in its environment and a home of its own, against the test server.
 * Two samples are deployed into a workspace of this test's once; the tests read them, roll one back,
 * follow a job and a log, and go down each failure path.
 */
class CommandLineIT {

    private static final Path JAR = Path.of(System.getProperty("paasmaker.cli.jar", "../paasmaker-client/target/paasmaker.jar"));
    private static final Duration DEPLOY_WITHIN = Duration.ofMinutes(4);
    private static final Duration COMMAND_WITHIN = Duration.ofMinutes(1);
    private static final Pattern VERSION_ID = Pattern.compile("\\(version id (\\d+)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static String workspace;
    private static Path home;
    private static Result python;
    private static Result statik;

    /** A finished run: its exit code and what it wrote. */
    record Result(int exitCode, String out, String err) {

        /** The version a deploy prepared, which it names as "(version id N)". */
        long versionId() {
            Matcher matcher = VERSION_ID.matcher(out + err);
            assertThat(matcher.find()).as("a version id in:\n%s\n%s", out, err).isTrue();
            return Long.parseLong(matcher.group(1));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    @BeforeAll
    static void deployTwoSamples() throws Exception {
        ItServer.api();
        home = Files.createDirectories(temp.resolve("home"));
        workspace = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Result created = paasmaker(Map.of(), COMMAND_WITHIN, "workspace", "create", "Command line", "--stub", workspace);
        assertThat(created.exitCode()).as("%s", created).isZero();

        python = paasmaker(Map.of(), DEPLOY_WITHIN, "deploy", ItServer.sample("hello-python").toString(),
                "--workspace", workspace);
        statik = paasmaker(Map.of("PAASMAKER_WORKSPACE", workspace), DEPLOY_WITHIN, "deploy",
                ItServer.sample("hello-static").toString());
    }

    @AfterAll
    static void deleteWhatWasDeployed() throws Exception {
        if (workspace == null) {
            return;
        }
        for (String application : List.of("hello-python", "hello-static", "hello-failing")) {
            paasmaker(Map.of(), DEPLOY_WITHIN, "application", "delete", workspace + "/" + application, "--with-services");
        }
        paasmaker(Map.of(), COMMAND_WITHIN, "workspace", "delete", workspace);
    }

    // ---- deploy, list, roll back ---------------------------------------------------------------------

    @Test
    void deploysTwoSamplesAndSaysWhereTheyAnswer() throws Exception {
        assertThat(python.exitCode()).as("%s", python).isZero();
        assertThat(python.err()).isEmpty();
        assertThat(python.out()).contains("Uploading the directory " + ItServer.sample("hello-python"),
                "Preparing version 1 of hello-python in workspace " + workspace,
                "  Prepare a new version", ": SUCCESS", "Starting version 1 of hello-python", "Making version 1 of"
                        + " hello-python current", "Version 1 of hello-python answers at:",
                "  http://1.web.hello-python." + workspace + ".localhost:" + ItServer.routerPort() + "/",
                "  http://web.hello-python." + workspace + ".localhost:" + ItServer.routerPort() + "/");
        assertThat(statik.exitCode()).as("%s", statik).isZero();
        assertThat(statik.out()).contains("  http://1.web.hello-static." + workspace + ".localhost:"
                + ItServer.routerPort() + "/");

        assertThat(ItServer.throughRouter("1.web.hello-python." + workspace + ".localhost", "/"))
                .startsWith("HTTP/1.1 200").contains("\"application\": \"hello-python\"");
        assertThat(ItServer.throughRouter("web.hello-static." + workspace + ".localhost", "/"))
                .startsWith("HTTP/1.1 200").containsIgnoringCase("<html");
    }

    @Test
    void listsTheApplicationsAndVersions() throws Exception {
        Result applications = paasmaker(Map.of(), COMMAND_WITHIN, "application", "list", workspace);
        Result versions = paasmaker(Map.of("PAASMAKER_WORKSPACE", workspace), COMMAND_WITHIN, "version", "list",
                "hello-static", "-o", "json");

        assertThat(applications.exitCode()).as("%s", applications).isZero();
        assertThat(applications.out().lines().skip(1).map(line -> line.split("\\s+")[1]))
                .contains("hello-python", "hello-static");
        assertThat(versions.exitCode()).as("%s", versions).isZero();
        JsonNode list = JSON.readTree(versions.out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asLong()).isEqualTo(statik.versionId());
        assertThat(list.get(0).path("state").asText()).isEqualTo("RUNNING");
        assertThat(list.get(0).path("current").asBoolean()).isTrue();
    }

    @Test
    void makesTheOlderVersionCurrentAgain() throws Exception {
        long first = python.versionId();
        Result second = paasmaker(Map.of(), DEPLOY_WITHIN, "deploy", ItServer.sample("hello-python").toString(),
                "--workspace", workspace);
        assertThat(second.exitCode()).as("%s", second).isZero();
        assertThat(second.out()).as("the deploy stops the version it replaced")
                .contains("Stopping version " + number(first) + ", current until now, job ");
        long secondId = second.versionId();
        String hostname = "web.hello-python." + workspace + ".localhost";
        assertThat(ItServer.throughRouter(hostname, "/")).contains("\"version\": " + number(secondId));

        Result rollback = paasmaker(Map.of(), DEPLOY_WITHIN, "version", "make-current", String.valueOf(first));

        assertThat(rollback.exitCode()).as("%s", rollback).isZero();
        assertThat(rollback.out()).startsWith("Making version " + number(first) + " (id " + first + ") current, job ")
                .as("the stopped version starts again in the same job").contains("Start web instance")
                .contains(": SUCCESS");
        assertThat(ItServer.throughRouter(hostname, "/")).startsWith("HTTP/1.1 200")
                .contains("\"version\": " + number(first));
        JsonNode versions = JSON.readTree(paasmaker(Map.of(), COMMAND_WITHIN, "version", "list",
                workspace + "/hello-python", "-o", "json").out());
        assertThat(versions).hasSize(2);
        for (JsonNode version : versions) {
            assertThat(version.path("current").asBoolean()).as("%s", version)
                    .isEqualTo(version.path("id").asLong() == first);
        }
    }

    /** A version's number, as its id's {@code version show} says. */
    private static int number(long versionId) throws Exception {
        Result shown = paasmaker(Map.of(), COMMAND_WITHIN, "version", "show", String.valueOf(versionId), "-o", "json");
        assertThat(shown.exitCode()).as("%s", shown).isZero();
        return JSON.readTree(shown.out()).path("number").asInt();
    }

    // ---- jobs and logs ----------------------------------------------------------------------------------

    @Test
    void followsAJobToItsEnd() throws Exception {
        String job = jobOf(statik.out(), "Preparing version 1 of hello-static");

        Result followed = paasmaker(Map.of(), COMMAND_WITHIN, "job", "follow", job);
        Result shown = paasmaker(Map.of(), COMMAND_WITHIN, "job", "show", job);

        // The job ended long ago: the stream tells each job's last state and its whole log, then the end.
        assertThat(followed.exitCode()).as("%s", followed).isZero();
        assertThat(followed.out()).contains("  Fetch the source: SUCCESS\n", "  | Unpacking ",
                "  Pack and store the prepared code: SUCCESS\n");
        assertThat(followed.out().lines().reduce((a, b) -> b)).hasValueSatisfying(last ->
                assertThat(last).startsWith("Prepare a new version").endsWith(": SUCCESS"));
        assertThat(shown.out()).as("who started it, then the tree").startsWith("Started by: operator\nPrepare a new version").contains("\n  Pack and store");
    }

    /** The job of a step of a deploy, which it names as ", job ID:" after the step. */
    private static String jobOf(String output, String step) {
        Matcher matcher = Pattern.compile(Pattern.quote(step) + ".*, job ([0-9a-f-]{36}):").matcher(output);
        assertThat(matcher.find()).as("the job of '%s' in:\n%s", step, output).isTrue();
        return matcher.group(1);
    }

    @Test
    void followsAnInstanceLogAsItGrows() throws Exception {
        JsonNode instances = JSON.readTree(paasmaker(Map.of(), COMMAND_WITHIN, "version", "instances",
                String.valueOf(python.versionId()), "-o", "json").out());
        // A running one: an earlier test's deploy may have stopped this version, and its rollback started new ones.
        String instance = StreamSupport.stream(instances.spliterator(), false)
                .filter(node -> node.path("state").asText().equals("RUNNING")).findFirst().orElseThrow()
                .path("id").asText();
        Path out = temp.resolve("follow-" + UUID.randomUUID() + ".out");
        Process following = start(Map.of(), out, "instance", "log", instance, "--follow", "--lines", "1");
        try {
            String marker = "/cli-follow-" + UUID.randomUUID();
            await("the request for " + marker + " in the followed log").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        ItServer.throughRouter("1.web.hello-python." + workspace + ".localhost", marker);
                        return Files.readString(out).contains("GET " + marker + " HTTP/1.1");
                    });
            assertThat(following.isAlive()).isTrue();
        } finally {
            following.destroy();
            if (!following.waitFor(10, TimeUnit.SECONDS)) {
                following.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // ---- failures: the message and the exit code ----------------------------------------------------------

    @Test
    void saysWhenThereIsNoServer() throws Exception {
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }

        Result result = paasmaker(Map.of("PAASMAKER_SERVER", closed), COMMAND_WITHIN, "workspace", "list");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(7);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("paasmaker: cannot reach the Paasmaker server at " + closed + " (the"
                + " connection was refused): is the server running, and is that its address? Set it with"
                + " PAASMAKER_SERVER or --server\n");
    }

    @Test
    void saysWhenTheTokenIsWrong() throws Exception {
        Result result = paasmaker(Map.of("PAASMAKER_TOKEN", "not-the-token"), COMMAND_WITHIN, "workspace", "list");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(6);
        assertThat(result.err()).startsWith("paasmaker: the server at " + server() + " refused the token")
                .contains("the token is not this server's").doesNotContain("\tat ");
    }

    /**
     * {@code login --user} against the real server: the password on standard input (as a script gives it)
     * makes an API key of the user, which the profile keeps and the next command uses with neither a token
     * nor a server in its environment. A wrong password is a plain refusal that saves nothing.
     */
    @Test
    void logsInAsAUserAndLaterCommandsUseTheSavedKey() throws Exception {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Api operator = ItServer.api();
        assertThat(operator.postJson("users", PermissionsIT.user(name)).status()).isEqualTo(201);
        assertThat(operator.postJson("users/" + name + "/grants", Map.of("role", "Viewer", "workspace", workspace))
                .status()).isEqualTo(201);
        Path config = Files.createDirectories(temp.resolve("config-" + name));
        Path profile = config.resolve("paasmaker/profile");
        Map<String, String> noToken = Map.of("PAASMAKER_TOKEN", "", "XDG_CONFIG_HOME", config.toString());

        Result wrong = paasmakerWithInput(noToken, COMMAND_WITHIN, "not the password\n", "login", "--user", name);
        assertThat(wrong.exitCode()).as("%s", wrong).isEqualTo(6);
        assertThat(wrong.err()).isEqualTo("paasmaker: the server at " + server() + " refused the sign-in of " + name
                + ": the user name or the password is wrong; run 'paasmaker login --user " + name
                + "' again with the right password\n");
        assertThat(profile).doesNotExist();

        Result login = paasmakerWithInput(noToken, COMMAND_WITHIN, PermissionsIT.PASSWORD + "\n", "login", "--user",
                name);
        assertThat(login.exitCode()).as("%s", login).isZero();
        assertThat(login.out()).startsWith("Logged in to " + server() + " (as " + name + ")");
        Result listed = paasmaker(Map.of("PAASMAKER_TOKEN", "", "PAASMAKER_SERVER", "", "XDG_CONFIG_HOME",
                config.toString()), COMMAND_WITHIN, "workspace", "list");
        assertThat(listed.exitCode()).as("%s", listed).isZero();
        assertThat(listed.out()).contains(workspace);

        JsonNode keys = operator.get("users/" + name + "/keys").json();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).path("name").asText()).startsWith("paasmaker login ");
        assertThat(keys.get(0).path("lastUsed").isNull()).as("the listing used the saved key: %s", keys).isFalse();
    }

    @Test
    void saysWhenTheWorkspaceIsUnknown() throws Exception {
        Result result = paasmaker(Map.of(), COMMAND_WITHIN, "deploy", ItServer.sample("hello-static").toString(),
                "--workspace", "no-such-" + workspace);

        assertThat(result.exitCode()).as("%s", result).isEqualTo(4);
        assertThat(result.err()).isEqualTo("paasmaker: No workspace 'no-such-" + workspace + "' exists.\n");
    }

    @Test
    void listsEveryErrorOfABadManifestWithItsLine() throws Exception {
        Path code = copyOfSample("hello-python", manifest -> manifest
                .replace("plugin: paasmaker.runtime.shell", "plugin: paasmaker.runtime.cobol")
                .replace("hostnames:", "hostname:"));
        Path archive = Deployments.tarball(code, temp);

        Result directory = paasmaker(Map.of(), COMMAND_WITHIN, "deploy", code.toString(), "--workspace", workspace);
        Result uploaded = paasmaker(Map.of(), COMMAND_WITHIN, "deploy", archive.toString(), "--workspace", workspace);

        assertThat(directory.exitCode()).as("%s", directory).isEqualTo(2);
        assertThat(directory.err().lines()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).matches(Pattern.quote(code.resolve("manifest.yml").toString())
                    + ":\\d+: instances\\[0]\\.runtime\\.plugin: .*paasmaker\\.runtime\\.cobol.*");
            assertThat(lines.get(1)).matches(Pattern.quote(code.resolve("manifest.yml").toString())
                    + ":\\d+: instances\\[0]\\.hostname: unknown key; did you mean 'hostnames'\\?");
            assertThat(lines.get(2)).isEqualTo("2 errors in " + code.resolve("manifest.yml"));
        });
        assertThat(uploaded.exitCode()).as("%s", uploaded).isEqualTo(2);
        assertThat(uploaded.err()).containsPattern("\nmanifest\\.yml:\\d+: instances\\[0]\\.runtime\\.plugin: ")
                .containsPattern("\nmanifest\\.yml:\\d+: instances\\[0]\\.hostname: unknown key")
                .endsWith("2 errors in manifest.yml\n");
    }

    @Test
    void showsTheLogOfAFailingPrepareCommand() throws Exception {
        Path code = copyOfSample("hello-python", manifest -> manifest
                .replace("name: hello-python", "name: hello-failing")
                .replace("- python3 -m py_compile app.py", "- echo checking-before-cli-failure\n            - exit 3"));

        Result result = paasmaker(Map.of(), DEPLOY_WITHIN, "deploy", code.toString(), "--workspace", workspace);

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.out()).contains(": FAILED").doesNotContain("Starting version");
        assertThat(result.err()).contains("failed", "Its log", "checking-before-cli-failure")
                .contains("paasmaker: preparing the version failed");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static String server() {
        return ItServer.base().toString().replaceAll("/+$", "");
    }

    private interface Edit {
        String apply(String manifest);
    }

    /** A copy of a sample in a folder of its own, its manifest edited. */
    private static Path copyOfSample(String sample, Edit edit) throws IOException {
        Path from = ItServer.sample(sample);
        Path to = Files.createDirectories(temp.resolve(sample + "-" + UUID.randomUUID()));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path manifest = to.resolve("manifest.yml");
        String edited = edit.apply(Files.readString(manifest));
        assertThat(edited).as("the edit changed the manifest").isNotEqualTo(Files.readString(manifest));
        Files.writeString(manifest, edited);
        return to;
    }

    /** The command's environment: this server and its token, a home of the test's own, the router's port. */
    private static Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PAASMAKER_SERVER", server());
        environment.put("PAASMAKER_TOKEN", ItServer.token());
        environment.put("PAASMAKER_ROUTER_PORT", String.valueOf(ItServer.routerPort()));
        environment.put("HOME", home.toString());
        environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        environment.putAll(overrides);
        return environment;
    }

    private static Process start(Map<String, String> overrides, Path out, String... args) throws IOException {
        return startWithInput(overrides, out, "", args);
    }

    private static Process startWithInput(Map<String, String> overrides, Path out, String input, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile())
                .redirectOutput(out.toFile()).redirectError(Path.of(out + ".err").toFile());
        builder.environment().remove("PAASMAKER_WORKSPACE");
        builder.environment().putAll(environment(overrides));
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }

    /** Runs the command line to its end (killed past the deadline) and returns what it did. */
    private static Result paasmaker(Map<String, String> overrides, Duration within, String... args) throws Exception {
        return paasmakerWithInput(overrides, within, "", args);
    }

    /** As above, with {@code input} on its standard input. */
    private static Result paasmakerWithInput(Map<String, String> overrides, Duration within, String input,
            String... args) throws Exception {
        Path out = temp.resolve("run-" + UUID.randomUUID() + ".out");
        Process process = startWithInput(overrides, out, input, args);
        try {
            if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("paasmaker " + String.join(" ", args) + " did not finish within " + within
                        + "; its output so far:\n" + read(out) + read(Path.of(out + ".err")));
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new Result(process.exitValue(), read(out), read(Path.of(out + ".err")));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
