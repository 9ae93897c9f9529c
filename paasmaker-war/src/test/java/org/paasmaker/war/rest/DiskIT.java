package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the platform holds on its disk, per application, in its health; and a version's keep mark. */
class DiskIT {

    private static Api api;
    private static Deployments deployments;
    private static String version;
    private static long application;

    @TempDir
    static Path temp;

    @BeforeAll
    static void prepareOne() {
        api = ItServer.api();
        deployments = new Deployments(api);
        String workspace = deployments.newWorkspace("Disk").path("stub").asText();
        version = deployments.prepared(workspace, Deployments.tarball(ItServer.sample("hello-static"), temp));
        application = api.get("versions/" + version).json().path("applicationId").asLong();
    }

    @AfterAll
    static void stopEverythingStarted() {
        deployments.cleanUp();
    }

    @Test
    void theDiskIsShownByKindAndApplicationWithItsFreeSpace() {
        Api.Answer disk = api.get("disk");

        assertThat(disk.status()).as(disk.body()).isEqualTo(200);
        JsonNode body = disk.json();
        assertThat(body.path("bytes").path("packages").asLong()).isPositive();
        assertThat(body.path("freeBytes").asLong()).isPositive();
        assertThat(body.path("totalBytes").asLong()).isGreaterThanOrEqualTo(body.path("bytes").path("packages").asLong());
        assertThat(body.path("applications").findValuesAsText("name")).contains("hello-static");

        Api.Answer share = api.get("applications/" + application + "/disk");
        assertThat(share.status()).as(share.body()).isEqualTo(200);
        assertThat(share.json().path("name").asText()).isEqualTo("hello-static");
        assertThat(share.json().path("bytes").path("packages").asLong()).isPositive();
        assertThat(api.get("applications/999999999/disk").status()).isEqualTo(404);
    }

    @Test
    void healthAnswersWithoutATokenWithItsWarnings() {
        Api.Answer health = api.getWithAuthorization("health", Optional.empty());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("warnings").isArray()).isTrue();
    }

    @Test
    void aVersionIsKeptWithPutAndReleasedWithDelete() {
        Api.Answer kept = api.send(api.request("versions/" + version + "/kept").PUT(BodyPublishers.noBody()).build());

        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(kept.json().path("kept").asBoolean()).isTrue();
        assertThat(api.get("versions/" + version).json().path("kept").asBoolean()).isTrue();

        Api.Answer released = api.delete("versions/" + version + "/kept");
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().path("kept").asBoolean()).isFalse();
        assertThat(api.delete("versions/999999999/kept").status()).isEqualTo(404);
    }
}
