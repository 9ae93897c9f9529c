package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, keys, roles and grants through the REST API, and the answers to bad input. */
class AccessIT {

    private static Api operator;

    @BeforeAll
    static void server() {
        operator = ItServer.api();
    }

    @Test
    void aDuplicateUserNameIsA409() {
        String name = "dup-" + PermissionsIT.suffix();
        assertThat(operator.postJson("users", PermissionsIT.user(name)).status()).isEqualTo(201);
        Api.Answer again = operator.postJson("users", PermissionsIT.user(name));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asText()).contains("'" + name + "'");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreTheSame401() {
        String name = "login-" + PermissionsIT.suffix();
        operator.postJson("users", PermissionsIT.user(name));
        Api.Answer wrong = operator.postJson("login", Map.of("name", name, "password", "not the password"));
        Api.Answer unknown = operator.postJson("login", Map.of("name", "nobody-" + name, "password", "correct horse battery"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());

        Api.Answer login = operator.postJson("login", Map.of("name", name, "password", "correct horse battery", "keyName", "cli"));
        assertThat(login.status()).as(login.body()).isEqualTo(201);
        String secret = login.json().path("secret").asText();
        assertThat(operator.getWithAuthorization("users/" + name, Optional.of("Bearer " + secret)).status()).isEqualTo(200);

        Api self = new Api(operator.http(), ItServer.base().resolve("api/v1/"), secret);
        assertThat(self.putJson("users/" + name + "/password", Map.of("password", "battery staple horse")).status()).isEqualTo(204);
        assertThat(operator.postJson("login", Map.of("name", name, "password", "battery staple horse")).status()).isEqualTo(201);
    }

    @Test
    void repeatedFailedSignInsOfOneUserAreSlowedDown() {
        String name = "guessed-" + PermissionsIT.suffix();
        operator.postJson("users", PermissionsIT.user(name));
        for (int i = 0; i < 3; i++) {
            assertThat(operator.postJson("login", Map.of("name", name, "password", "guess " + i)).status()).isEqualTo(401);
        }
        Api.Answer slowed = operator.postJson("login", Map.of("name", name, "password", "correct horse battery"));
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.json().path("type").asText()).isEqualTo("too-many-attempts");
        assertThat(slowed.json().path("detail").asText()).contains("try again in 1 s");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndAMalformedOneToo() {
        String name = "keys-" + PermissionsIT.suffix();
        operator.postJson("users", PermissionsIT.user(name));
        JsonNode issued = operator.postJson("users/" + name + "/keys", Map.of("name", "laptop")).json();
        String bearer = "Bearer " + issued.path("secret").asText();
        assertThat(operator.getWithAuthorization("users/" + name + "/keys", Optional.of(bearer)).status()).isEqualTo(200);
        JsonNode listed = operator.get("users/" + name + "/keys").json().get(0);
        assertThat(listed.has("secret")).isFalse();
        assertThat(listed.path("lastUsed").asText()).isNotEmpty();

        Api.Answer revoked = operator.delete("users/" + name + "/keys/" + issued.path("key").path("id").asText());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("revoked").asText()).isNotEmpty();
        Api.Answer after = operator.getWithAuthorization("users/" + name + "/keys", Optional.of(bearer));
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().path("type").asText()).isEqualTo("unauthorized");

        for (String malformed : List.of("pmk_", "pmk_" + "x".repeat(43), "pmk_!!", bearer.substring(7) + "a")) {
            assertThat(operator.getWithAuthorization("workspaces", Optional.of("Bearer " + malformed)).status())
                    .as(malformed).isEqualTo(401);
        }
    }

    @Test
    void anUnknownRoleOrPermissionIsA400NamingIt() {
        String name = "grant-" + PermissionsIT.suffix();
        operator.postJson("users", PermissionsIT.user(name));
        Api.Answer role = operator.postJson("users/" + name + "/grants", Map.of("role", "Wizard"));
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.json().path("detail").asText()).contains("'Wizard'");

        Api.Answer permission = operator.putJson("roles/Sorcerer", Map.of("permissions", List.of("WORKSPACE_VIEW", "FLY")));
        assertThat(permission.status()).isEqualTo(400);
        assertThat(permission.json().path("detail").asText()).contains("'FLY'");

        Api.Answer builtIn = operator.putJson("roles/Viewer", Map.of("permissions", List.of("WORKSPACE_VIEW")));
        assertThat(builtIn.status()).isEqualTo(409);
    }

    @Test
    void theRolesAreTheBuiltInOnesWithTheirPermissions() {
        JsonNode roles = operator.get("roles").json();
        assertThat(roles.findValuesAsText("name")).contains("Viewer", "Deployer", "Manager", "Administrator");
        assertThat(roles.get(3).path("permissions")).hasSize(26);
    }

    @Test
    void theAuditTrailAndTheJobsSayWhichUserDeployedWhat(@TempDir Path temp) {
        Deployments deployments = new Deployments(operator);
        String workspace = deployments.newWorkspace("Audited").path("stub").asText();
        Api deployer = PermissionsIT.userWith("deployer", List.of(Map.of("role", "Deployer", "workspace", workspace)));
        try {
            Api.Answer accepted = new Deployments(deployer).upload(workspace,
                    Deployments.tarball(ItServer.sample("hello-static"), temp));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String version = deployments.versionOf(accepted);
            String job = accepted.json().path("jobId").asText();
            deployments.succeeded(job);
            String started = new Deployments(deployer).run(version, "start").path("id").asText();

            JsonNode entry = operator.get("audit?limit=50").json().findParents("jobId").stream()
                    .filter(e -> e.path("jobId").asText().equals(job)).findFirst().orElseThrow();
            assertThat(entry.path("actor").asText()).startsWith("deployer-");
            String name = entry.path("actor").asText();
            JsonNode prepared = operator.get("jobs/" + job).json();
            assertThat(prepared.path("startedBy").asText()).as("the job records who started it").isEqualTo(name);
            assertThat(prepared.path("children").findValuesAsText("startedBy")).isNotEmpty().containsOnly(name);
            assertThat(operator.get("jobs/" + started).json().path("startedBy").asText()).isEqualTo(name);
            assertThat(entry.path("action").asText()).isEqualTo("POST /api/v1/workspaces/" + workspace + "/versions");
            assertThat(entry.path("status").asInt()).isEqualTo(202);
            assertThat(deployer.get("audit").status()).isEqualTo(403);
        } finally {
            deployments.cleanUp();
        }
    }
}
