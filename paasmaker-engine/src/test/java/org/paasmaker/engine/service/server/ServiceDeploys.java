package org.paasmaker.engine.service.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;

/**
 * The steps of the service plugins' deploy tests on their engine: an application that answers each
 * request with JSON about its service, prepared, its jobs kept (for the checks that a password shows in
 * none of their logs), asked, and its service found.
 */
public final class ServiceDeploys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineFixture fixture;
    private final HttpClient http = HttpClient.newHttpClient();

    public ServiceDeploys(EngineFixture fixture) {
        this.fixture = fixture;
    }

    /** Prepares the application's folder; the new version, its job added to {@code jobs}. */
    public ApplicationVersion prepare(Path app, List<JobId> jobs) {
        JobView job = fixture.prepare(SourceSpec.directory(app));
        jobs.add(job.id());
        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(JobState.SUCCESS);
        return fixture.engine().versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
    }

    /** Waits for the job, which must succeed; the job. */
    public JobId succeed(JobId job) {
        fixture.succeed(job);
        return job;
    }

    /** The JSON answer of one of the version's instances, which must be a 200. */
    public JsonNode hit(VersionId version) throws IOException, InterruptedException {
        int port = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.port().isPresent()).findFirst().orElseThrow().port().getAsInt();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The application's service of that name. */
    public ApplicationService service(ApplicationId application, String name) {
        return fixture.engine().applications().services(application).stream()
                .filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }
}
