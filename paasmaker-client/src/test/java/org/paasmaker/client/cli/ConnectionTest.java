package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Which server and token a command uses (option, environment, profile), and the errors of reaching it. */
class ConnectionTest {

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    @RegisterExtension
    final FakePaasmaker other = new FakePaasmaker();

    @BeforeEach
    void start() throws Exception {
        server.json("GET", "workspaces", 200, "[]");
        other.json("GET", "workspaces", 200, "[]");
    }

    private Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new HashMap<>(Map.of("HOME", home.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private void saveProfile(String url, String token) {
        new Profile(Optional.of(url), Optional.of(token), Optional.empty()).save(home.resolve(".config/paasmaker"));
    }

    @Test
    void theOptionsWinOverTheEnvironment() {
        CommandLineRun run = CommandLineRun.in(environment("PAASMAKER_SERVER", other.url(), "PAASMAKER_TOKEN", "wrong"),
                "workspace", "list", "--server", server.url(), "--token", FakePaasmaker.TOKEN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests()).hasSize(1);
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void theEnvironmentWinsOverTheProfile() {
        saveProfile(other.url(), "wrong");

        CommandLineRun run = CommandLineRun.in(environment("PAASMAKER_SERVER", server.url(),
                "PAASMAKER_TOKEN", FakePaasmaker.TOKEN), "workspace", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests()).hasSize(1);
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void theProfileServesWhenNothingElseIsGiven() {
        saveProfile(server.url(), FakePaasmaker.TOKEN);

        CommandLineRun run = CommandLineRun.in(environment(), "workspace", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("No workspaces yet");
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + FakePaasmaker.TOKEN));
    }

    @Test
    void theProfilesTokenNeverGoesToAnotherServer() {
        saveProfile(server.url(), FakePaasmaker.TOKEN);

        CommandLineRun run = CommandLineRun.in(environment(), "workspace", "list", "--server", other.url());

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).isEqualTo("paasmaker: no API token for the server at " + other.url() + ": log in with"
                + " 'paasmaker login --server " + other.url() + "', or set --token or PAASMAKER_TOKEN (the server keeps"
                + " its token in $PAASMAKER_HOME/token, ~/.paasmaker/token by default)\n");
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void aServerOnThisMachineIsAskedWithTheTokenItKeepsInItsHome() throws IOException {
        Path serverHome = home.resolve("paasmaker-home");
        Files.createDirectories(serverHome);
        Files.writeString(serverHome.resolve("token"), FakePaasmaker.TOKEN + "\n");

        CommandLineRun run = CommandLineRun.in(environment("PAASMAKER_HOME", serverHome.toString()),
                "workspace", "list", "--server", server.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + FakePaasmaker.TOKEN));
    }

    @Test
    void aServerElsewhereNeverGetsTheLocalServersToken() throws IOException {
        Files.createDirectories(home.resolve(".paasmaker"));
        Files.writeString(home.resolve(".paasmaker/token"), FakePaasmaker.TOKEN);
        String elsewhere = server.url().replace("localhost", "127.0.0.2").replace("127.0.0.1", "127.0.0.2");

        CommandLineRun run = CommandLineRun.in(environment(), "workspace", "list", "--server", elsewhere);

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).startsWith("paasmaker: no API token for the server at " + elsewhere);
    }

    @Test
    void readsTheProfileUnderXdgConfigHome() {
        Path config = home.resolve("xdg");
        new Profile(Optional.of(server.url()), Optional.of(FakePaasmaker.TOKEN), Optional.empty())
                .save(config.resolve("paasmaker"));

        CommandLineRun run = CommandLineRun.in(environment("XDG_CONFIG_HOME", config.toString()), "workspace", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void saysWhenTheTokenIsRefusedAndExitsWith6() {
        CommandLineRun run = CommandLineRun.in(environment("PAASMAKER_SERVER", server.url(), "PAASMAKER_TOKEN", "wrong"),
                "workspace", "list");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).startsWith("paasmaker: the server at " + server.url() + " refused the token")
                .contains("the token is not this server's")
                .endsWith("; or log in again with 'paasmaker login'\n")
                .doesNotContain("\tat ");
    }

    @Test
    void saysThatTheServerCannotBeReachedAndExitsWith7() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }

        CommandLineRun run = CommandLineRun.in(environment("PAASMAKER_SERVER", closed, "PAASMAKER_TOKEN", "t"),
                "workspace", "list");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("paasmaker: cannot reach the Paasmaker server at " + closed + " (the connection"
                + " was refused): is the server running, and is that its address? Set it with PAASMAKER_SERVER or"
                + " --server\n");
    }

    @Test
    void refusesAServerThatIsNoUrl() {
        CommandLineRun run = CommandLineRun.in(environment("PAASMAKER_SERVER", "localhost:9080", "PAASMAKER_TOKEN", "t"),
                "workspace", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("paasmaker: PAASMAKER_SERVER is 'localhost:9080', which is not a server's URL;"
                + " give one such as http://localhost:9080\n");
    }

    @Test
    void anUnreadableProfileIsAnErrorThatSaysWhatToDo() throws IOException {
        Path directory = Files.createDirectories(home.resolve(".config/paasmaker"));
        Files.writeString(directory.resolve("profile"), "server=\\u12\n");

        CommandLineRun run = CommandLineRun.in(environment(), "workspace", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("paasmaker: cannot read the profile '" + directory.resolve("profile") + "': ")
                .endsWith("; log in again with 'paasmaker login', or delete the file\n");
    }
}
