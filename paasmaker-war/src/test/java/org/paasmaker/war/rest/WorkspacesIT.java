package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkspacesIT {

    private static Api api;

    @BeforeAll
    static void server() {
        api = ItServer.api();
    }

    @Test
    void createShowUpdateAndDeleteAWorkspace() {
        String stub = uniqueStub();
        Api.Answer created = api.postJson("workspaces", Map.of("name", "Staging", "stub", stub, "tags", Map.of("team", "web")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode workspace = created.json();
        String id = workspace.path("id").asText();
        assertThat(created.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/workspaces/" + id));
        assertThat(workspace.path("tags").path("team").asText()).isEqualTo("web");

        assertThat(api.get("workspaces").json().findValuesAsText("stub")).contains(stub);
        assertThat(api.get("workspaces/" + id).json().path("stub").asText()).isEqualTo(stub);
        assertThat(api.get("workspaces/" + stub).json().path("id").asText()).isEqualTo(id);

        String newStub = uniqueStub();
        Api.Answer updated = api.putJson("workspaces/" + stub, Map.of("name", "Staging 2", "stub", newStub));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("name").asText()).isEqualTo("Staging 2");
        assertThat(api.get("workspaces/" + newStub).json().path("id").asText()).isEqualTo(id);
        assertThat(api.get("workspaces/" + stub).status()).isEqualTo(404);

        assertThat(api.delete("workspaces/" + id).status()).isEqualTo(204);
        Api.Answer gone = api.get("workspaces/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.json().path("type").asText()).isEqualTo("not-found");
        assertThat(gone.json().path("detail").asText()).contains(id);
    }

    @Test
    void aBadStubIsA400NamingTheField() {
        Api.Answer refused = api.postJson("workspaces", Map.of("name", "Bad", "stub", "Not A Stub"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("type").asText()).isEqualTo("invalid-request");
        assertThat(refused.json().path("errors").get(0).path("path").asText()).isEqualTo("stub");
    }

    @Test
    void brokenJsonIsA400WithoutAStackTrace() {
        Api.Answer refused = api.post("workspaces", "application/json", BodyPublishers.ofString("{\"name\": "));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("type").asText()).isEqualTo("invalid-request");
        assertThat(refused.body()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aWrongMethodIs405AndAWrongMediaTypeIs415() {
        Api.Answer wrongMethod = api.send(api.request("workspaces").method("PATCH", BodyPublishers.noBody()).build());
        Api.Answer wrongType = api.post("workspaces", "text/plain", BodyPublishers.ofString("dev"));

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownPathsAndIdsAre404() {
        assertThat(api.get("workspaces/no-such-stub").status()).isEqualTo(404);
        assertThat(api.get("applications/999999").status()).isEqualTo(404);
        assertThat(api.get("applications/not-a-number").status()).isEqualTo(404);
        assertThat(api.get("versions/999999").status()).isEqualTo(404);
        assertThat(api.post("versions/999999/start").status()).isEqualTo(404);
        assertThat(api.get("jobs/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("jobs/" + UUID.randomUUID() + "/events").status()).isEqualTo(404);
        assertThat(api.get("instances/" + UUID.randomUUID() + "/log").status()).isEqualTo(404);
        Api.Answer noPath = api.get("no/such/path");
        assertThat(noPath.status()).isEqualTo(404);
        assertThat(noPath.json().path("type").asText()).isEqualTo("not-found");
    }

    private static String uniqueStub() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
