package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.rest.WireFixtures;

/** The user, key, role and grant commands, and the password login, against a server that answers the wire fixtures. */
class AccessCommandsTest {

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private Map<String, String> environment;

    @BeforeEach
    void start() throws Exception {
        server
                .json("GET", "users", 200, "[" + WireFixtures.read("user-json.json") + "]")
                .fixture("POST", "users", 201, "user-json.json")
                .fixture("POST", "users/ann/keys", 201, "issued-api-key-json.json")
                .json("GET", "users/ann/keys", 200, "[" + WireFixtures.read("api-key-json.json") + "]")
                .fixture("DELETE", "users/ann/keys/9", 200, "api-key-json.json")
                .json("GET", "roles", 200, "[" + WireFixtures.read("role-json.json") + "]")
                .fixture("PUT", "roles/Auditor", 200, "role-json.json")
                .fixture("POST", "users/ann/grants", 201, "grant-json.json")
                .json("GET", "users/ann/grants", 200, "[" + WireFixtures.read("grant-json.json") + ", "
                        + WireFixtures.read("grant-json-global.json") + "]")
                .json("DELETE", "users/ann/grants", 204, "")
                .fixture("POST", "login", 201, "issued-api-key-json.json");
        environment = server.environment(home, "XDG_CONFIG_HOME", home.resolve("config").toString());
    }

    @Test
    void createsAUserWithThePasswordFromStandardInput() {
        CommandLineRun run = CommandLineRun.withInput(environment, "correct horse\n", "user", "create", "ann",
                "--email", "ann@example.org");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created user ann (id 4).\n");
        assertThat(server.requests("POST", "users").get(0).text())
                .contains("\"name\":\"ann\"", "\"email\":\"ann@example.org\"", "\"password\":\"correct horse\"");
        assertThat(CommandLineRun.in(environment, "user", "list").out()).startsWith("ID  NAME  E-MAIL").contains("ann@example.org");
    }

    @Test
    void makesListsAndRevokesKeysShowingTheSecretOnce() {
        CommandLineRun made = CommandLineRun.in(environment, "key", "create", "--user", "ann", "laptop");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).isEqualTo("pmk_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        assertThat(made.err()).contains("shown this once");

        CommandLineRun listed = CommandLineRun.in(environment, "key", "list", "-u", "ann");
        assertThat(listed.out()).contains("laptop").doesNotContain("pmk_");

        CommandLineRun revoked = CommandLineRun.in(environment, "key", "revoke", "-u", "ann", "9");
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).isEqualTo("Revoked API key 9 (laptop) of ann.\n");
    }

    @Test
    void setsRolesAndGrantsThemInAWorkspace() {
        CommandLineRun set = CommandLineRun.in(environment, "role", "set", "Auditor", "USER_LIST", "ROLE_LIST");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(server.requests("PUT", "roles/Auditor").get(0).text()).isEqualTo("{\"permissions\":[\"USER_LIST\",\"ROLE_LIST\"]}");

        CommandLineRun granted = CommandLineRun.in(environment, "grant", "add", "ann", "Deployer", "-w", "staging");
        assertThat(granted.out()).isEqualTo("Granted Deployer to ann in workspace staging.\n");
        assertThat(server.requests("POST", "users/ann/grants").get(0).text()).isEqualTo("{\"role\":\"Deployer\",\"workspace\":\"staging\"}");

        assertThat(CommandLineRun.in(environment, "grant", "list", "ann").out())
                .isEqualTo("ROLE      WORKSPACE\nDeployer  2\nViewer    (all)\n");
        CommandLineRun removed = CommandLineRun.in(environment, "grant", "remove", "ann", "Deployer", "-w", "staging");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(server.requests("DELETE", "users/ann/grants").get(0).query()).isEqualTo("role=Deployer&workspace=staging");
    }

    @Test
    void logsInWithAPasswordAndSavesTheNewKey() throws Exception {
        CommandLineRun run = CommandLineRun.withInput(Map.of("PAASMAKER_SERVER", server.url(), "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString()), "correct horse\n", "login", "--user", "ann");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Logged in to " + server.url() + " (as ann)");
        FakePaasmaker.Request login = server.requests("POST", "login").get(0);
        assertThat(login.authorization()).isNull();
        assertThat(login.text()).contains("\"name\":\"ann\"", "\"password\":\"correct horse\"", "\"keyName\":\"paasmaker login ");
        assertThat(Files.readString(home.resolve("config/paasmaker/profile")))
                .contains("pmk_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void aWrongPasswordIsARefusedSignInAndSavesNothing() {
        server.json("POST", "login", 401, "{\"type\": \"unauthorized\", \"title\": \"Unauthorized\", \"status\": 401,"
                + " \"detail\": \"the user name or the password is wrong\", \"errors\": []}");

        CommandLineRun run = CommandLineRun.withInput(Map.of("PAASMAKER_SERVER", server.url(), "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString()), "wrong horse\n", "login", "--user", "ann");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).isEqualTo("paasmaker: the server at " + server.url() + " refused the sign-in of ann: the"
                + " user name or the password is wrong; run 'paasmaker login --user ann' again with the right password\n");
        assertThat(home.resolve("config/paasmaker/profile")).doesNotExist();
    }
}
