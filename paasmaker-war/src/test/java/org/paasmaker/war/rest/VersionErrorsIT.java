package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a new version or a lifecycle verb is refused, and the problem+json that says why. */
class VersionErrorsIT {

    private static Api api;
    private static Deployments deployments;
    private static String workspace;

    @TempDir
    static Path temp;

    @BeforeAll
    static void server() {
        api = ItServer.api();
        deployments = new Deployments(api);
        workspace = deployments.newWorkspace("Errors").path("stub").asText();
    }

    @AfterAll
    static void stopEverythingStarted() {
        deployments.cleanUp();
    }

    @Test
    void aBadManifestIsA400ListingEveryError() throws IOException {
        Path source = Files.createDirectories(temp.resolve("bad-manifest"));
        Files.writeString(source.resolve("manifest.yml"), String.join("\n",
                "manifest:",
                "  format: 1",
                "application:",
                "  name: bad",
                "  colour: blue",
                "instances:",
                "  - name: Not_A_Label",
                "    quantity: -1",
                "    runtime:",
                "      plugin: paasmaker.runtime.nonesuch",
                "      version: 1",
                ""));

        Api.Answer refused = deployments.upload(workspace, Deployments.tarball(source, temp));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.path("type").asText()).isEqualTo("invalid-manifest");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").findValuesAsText("path"))
                .contains("application.colour", "instances[0].name", "instances[0].quantity", "instances[0].runtime.plugin");
    }

    @Test
    void anUploadOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() {
        byte[] tooBig = new byte[(int) ItServer.maxUploadBytes() + 1];

        Api.Answer declared = api.post("workspaces/" + workspace + "/versions", "application/gzip", BodyPublishers.ofByteArray(tooBig));
        Api.Answer streamed = api.post("workspaces/" + workspace + "/versions", "application/gzip",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig)));

        for (Api.Answer refused : new Api.Answer[] {declared, streamed}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(413);
            assertThat(refused.json().path("type").asText()).isEqualTo("too-large");
        }
    }

    @Test
    void anUploadThatIsNoArchiveIsA400() {
        Api.Answer refused = api.post("workspaces/" + workspace + "/versions", "application/gzip",
                BodyPublishers.ofString("this is not a tarball"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("type").asText()).isEqualTo("archive-rejected");
        assertThat(refused.json().path("detail").asText()).contains("tar czf");
    }

    @Test
    void makingAPreparedVersionCurrentStartsItAndDeletingItWhileItServesIs409() {
        String version = deployments.prepared(workspace, Deployments.tarball(ItServer.sample("hello-python"), temp));

        Api.Answer accepted = api.post("versions/" + version + "/make-current");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        deployments.succeeded(accepted.json().path("jobId").asText());
        JsonNode now = api.get("versions/" + version).json();
        assertThat(now.path("state").asText()).isEqualTo("RUNNING");
        assertThat(now.path("current").asBoolean()).isTrue();
        Api.Answer refused = api.delete("versions/" + version);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("type").asText()).isEqualTo("conflict");
        assertThat(refused.json().path("detail").asText()).contains("the current one and RUNNING");
        deployments.succeeded(api.post("versions/" + version + "/stop").json().path("jobId").asText());
        Api.Answer deleting = api.delete("versions/" + version);
        assertThat(deleting.status()).as(deleting.body()).isEqualTo(202);
        deployments.succeeded(deleting.json().path("jobId").asText());
        assertThat(api.get("versions/" + version).status()).isEqualTo(404);
    }

    @Test
    void aSourceOfUnknownTypeIsA400NamingTheField() {
        Api.Answer refused = api.postJson("workspaces/" + workspace + "/versions",
                Map.of("source", Map.of("type", "svn", "url", "svn://example.com/app")));
        Api.Answer noSource = api.postJson("workspaces/" + workspace + "/versions", Map.of("manifest", "manifest.yml"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("path").asText()).isEqualTo("source.type");
        assertThat(noSource.status()).isEqualTo(400);
        assertThat(noSource.json().path("errors").get(0).path("path").asText()).isEqualTo("source");
    }

    @Test
    void aVersionForAnUnknownWorkspaceIs404() {
        Api.Answer refused = api.postJson("workspaces/no-such-workspace/versions",
                Map.of("source", Map.of("type", "git", "url", "https://example.com/app.git")));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().path("type").asText()).isEqualTo("not-found");
    }
}
