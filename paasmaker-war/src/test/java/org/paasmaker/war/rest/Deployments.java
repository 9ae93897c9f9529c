package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.paasmaker.engine.pack.TarGzPacker;

/**
 * The steps the tests share: a workspace of their own, a version from a sample, a job followed to its
 * end. Remembers the versions it prepared so that {@link #cleanUp()} stops and deregisters them all.
 */
final class Deployments {

    static final Duration JOB_DEADLINE = Duration.ofMinutes(3);

    private final Api api;
    private final List<String> versions = new ArrayList<>();

    Deployments(Api api) {
        this.api = api;
    }

    /** A workspace with a stub no earlier run used, since the test server's data outlives a run. */
    JsonNode newWorkspace(String name) {
        String stub = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.postJson("workspaces", Map.of("name", name, "stub", stub));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    static Path tarball(Path sample, Path directory) {
        Path archive = directory.resolve(sample.getFileName() + "-" + UUID.randomUUID() + ".tar.gz");
        try (OutputStream out = Files.newOutputStream(archive)) {
            new TarGzPacker().pack(sample, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    /** Uploads the archive as a new version; the answer is the 202. */
    Api.Answer upload(String workspace, Path archive) {
        try {
            return api.post("workspaces/" + workspace + "/versions", "application/gzip", BodyPublishers.ofFile(archive));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows the job to its end, checks it succeeded, and returns its tree. */
    JsonNode succeeded(String jobId) {
        JsonNode tree = EventStream.end(EventStream.follow(api, jobId, Optional.empty(), JOB_DEADLINE));
        assertThat(tree.path("state").asText()).as("job %s: %s", jobId, tree).isEqualTo("SUCCESS");
        return tree;
    }

    /** Prepares a version from the archive and returns its id once prepared. */
    String prepared(String workspace, Path archive) {
        Api.Answer accepted = upload(workspace, archive);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String version = versionOf(accepted);
        succeeded(accepted.json().path("jobId").asText());
        return version;
    }

    /**
     * The same versions to clean up, over another client: one whose pooled connections went to a
     * server that has since stopped fails its next POST.
     */
    Deployments over(Api other) {
        Deployments deployments = new Deployments(other);
        deployments.versions.addAll(versions);
        return deployments;
    }

    /** The version that creating it answered with (202), once its prepare job had made it; cleaned up at the end. */
    String versionOf(Api.Answer accepted) {
        String version = accepted.json().path("version").path("id").asText();
        assertThat(version).as("the answer names the new version: %s", accepted.body()).isNotEmpty();
        versions.add(version);
        return version;
    }

    /** Runs a lifecycle verb (start, stop, make-current, deregister) and waits for its job to succeed. */
    JsonNode run(String version, String verb) {
        Api.Answer accepted = api.post("versions/" + version + "/" + verb);
        assertThat(accepted.status()).as("%s %s: %s", verb, version, accepted.body()).isEqualTo(202);
        assertThat(accepted.header("Location")).isPresent();
        return succeeded(accepted.json().path("jobId").asText());
    }

    /** Stops and deregisters every version the test prepared, so no instance outlives the run. */
    void cleanUp() {
        for (String version : versions) {
            for (String verb : List.of("stop", "deregister")) {
                Api.Answer accepted = api.post("versions/" + version + "/" + verb);
                if (accepted.status() == 202) {
                    EventStream.follow(api, accepted.json().path("jobId").asText(), Optional.empty(), JOB_DEADLINE);
                }
            }
        }
    }
}
