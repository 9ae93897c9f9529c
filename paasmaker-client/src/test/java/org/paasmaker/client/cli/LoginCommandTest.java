package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private Path config;

    @BeforeEach
    void start() throws Exception {
        server.json("GET", "workspaces", 200, "[]")
                .fixture("GET", "workspaces/dev", 200, "workspace-json.json");
        config = home.resolve("xdg");
    }

    private Map<String, String> environment() {
        return Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", config.toString());
    }

    @Test
    void checksTheTokenThenSavesItReadableByItsOwnerOnly() throws Exception {
        CommandLineRun run = CommandLineRun.in(environment(), "login", "--server", server.url(), "--token",
                FakePaasmaker.TOKEN, "--workspace", "dev");

        Path profile = config.resolve("paasmaker/profile");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Logged in to " + server.url() + " (0 workspaces; default workspace dev); saved in "
                + profile + ", readable by you alone.\n");
        assertThat(Files.getPosixFilePermissions(profile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(profile.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Profile.load(profile.getParent())).isEqualTo(new Profile(Optional.of(server.url()),
                Optional.of(FakePaasmaker.TOKEN), Optional.of("dev")));
        assertThat(server.requests("GET", "workspaces")).hasSize(1);
    }

    @Test
    void readsTheTokenFromStandardInput() {
        CommandLineRun run = CommandLineRun.withInput(environment(), FakePaasmaker.TOKEN + "\n", "login", "--server",
                server.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Profile.load(config.resolve("paasmaker")).token()).contains(FakePaasmaker.TOKEN);
    }

    @Test
    void savesNothingWhenTheServerRefusesTheToken() {
        CommandLineRun run = CommandLineRun.in(environment(), "login", "--server", server.url(), "--token", "wrong");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).startsWith("paasmaker: the server at " + server.url() + " refused the token");
        assertThat(config.resolve("paasmaker/profile")).doesNotExist();
    }

    @Test
    void savesNothingForAnUnknownWorkspace() {
        CommandLineRun run = CommandLineRun.in(environment(), "login", "--server", server.url(), "--token",
                FakePaasmaker.TOKEN, "--workspace", "staging");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(config.resolve("paasmaker/profile")).doesNotExist();
    }

    @Test
    void saysWhenNoTokenWasGiven() {
        CommandLineRun run = CommandLineRun.in(environment(), "login", "--server", server.url());

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).startsWith("paasmaker: no token given: type it when asked, pass it on standard input or"
                + " with --token");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void laterCommandsUseTheLoginAndItsWorkspace() {
        server.json("GET", "workspaces/dev/applications", 200, "[" + org.paasmaker.api.rest.WireFixtures.read(
                "application-json.json") + "]");
        CommandLineRun.in(environment(), "login", "--server", server.url(), "--token", FakePaasmaker.TOKEN,
                "--workspace", "dev");

        CommandLineRun run = CommandLineRun.in(environment(), "application", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ID  NAME          TAGS\n3   hello-python  language=python\n");
    }

    @Test
    void logoutDeletesTheProfile() {
        CommandLineRun.in(environment(), "login", "--server", server.url(), "--token", FakePaasmaker.TOKEN);
        Path profile = config.resolve("paasmaker/profile");

        CommandLineRun run = CommandLineRun.in(environment(), "logout");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Logged out: deleted " + profile + ".\n");
        assertThat(profile).doesNotExist();
        assertThat(CommandLineRun.in(environment(), "logout").out()).isEqualTo("Not logged in: there is no " + profile
                + ".\n");
    }
}
