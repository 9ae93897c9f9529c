package org.paasmaker.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.service.server.ManagedServersStopped;

/**
 * {@code samples/hello-services} on a real engine with the managed PostgreSQL and Redis servers: its
 * release step makes the schema once per version, its page counts in both, and a second version finds
 * the same data. Needs Debian's postgresql, redis-server, python3-psycopg2 and python3-redis.
 */
class HelloServicesSampleTest {

    @RegisterExtension
    @Order(1)
    final ManagedServersStopped servers = new ManagedServersStopped(() -> this.fixture.engine().home(), "postgres",
            "redis");

    @RegisterExtension
    @Order(2)
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder
            .pluginSettings("paasmaker.service.postgres", Map.of("port", "0"))
            .pluginSettings("paasmaker.service.managedredis", Map.of("ports", "44700-44799")));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSampleMigratesOncePerVersionAndASecondVersionReadsTheSameData() throws Exception {
        List<JobId> jobs = new ArrayList<>();
        ApplicationVersion first = prepare(jobs);
        JobView started = fixture.succeed(fixture.engine().versions().start(first.id()));
        jobs.add(started.id());
        assertThat(started.children()).extracting(JobView::title).containsExactly(
                "Release version 1 of hello-services", "Start web instance 1", "Start web instance 2");
        assertThat(fixture.logs(started)).contains("Migrated the schema for version 1");
        jobs.add(fixture.succeed(fixture.engine().versions().makeCurrent(first.id())).id());

        assertThat(page(first.id())).contains("visits: postgres 1, redis 1").contains("releases: version 1\n");
        assertThat(page(first.id())).contains("visits: postgres 2, redis 2");

        ApplicationVersion second = prepare(jobs);
        jobs.add(fixture.succeed(fixture.engine().versions().start(second.id())).id());
        jobs.add(fixture.succeed(fixture.engine().versions().makeCurrent(second.id())).id());

        assertThat(page(second.id())).startsWith("hello-services version 2\n")
                .contains("visits: postgres 3, redis 3")
                .as("the release ran once per version, though each has two instances")
                .contains("releases: version 1, version 2\n");

        List<String> passwords = fixture.engine().applications().services(first.applicationId()).stream()
                .map(ApplicationService::credentials).map(credentials -> credentials.string("password")).toList();
        assertThat(passwords).hasSize(2);
        for (JobId job : jobs) {
            String logs = fixture.logs(fixture.engine().jobs().get(job));
            passwords.forEach(password -> assertThat(logs).as("the logs of job " + job).doesNotContain(password));
        }
    }

    private ApplicationVersion prepare(List<JobId> jobs) {
        JobView prepared = fixture.prepare(SourceSpec.directory(EngineFixture.sample("hello-services")));
        jobs.add(prepared.id());
        assertThat(prepared.state()).as(fixture.logs(prepared)).isEqualTo(JobState.SUCCESS);
        return fixture.engine().versions().get(new VersionId(Long.parseLong(prepared.tags().get("version_id"))));
    }

    /** The page, from one of the version's running instances; if it cannot be reached, why, from its log. */
    private String page(VersionId version) throws Exception {
        Instance instance = fixture.engine().versions().instances(version).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).findFirst().orElseThrow();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + instance.port().getAsInt() + "/")).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new AssertionError("instance " + instance.id() + " on port " + instance.port().getAsInt()
                    + " refused the connection; it is now " + fixture.engine().versions().instance(instance.id())
                    + ", and its log ends:\n" + fixture.engine().versions().instanceLog(instance.id(), 40), e);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
