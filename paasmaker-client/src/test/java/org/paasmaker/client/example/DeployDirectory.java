package org.paasmaker.client.example;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.api.rest.VersionJson;
import org.paasmaker.client.JobEvent;
import org.paasmaker.client.JobEvents;
import org.paasmaker.client.PaasmakerClient;
import org.paasmaker.client.PaasmakerClientException;
import org.paasmaker.client.VersionSource;

/**
 * The README's example: deploys a directory to a workspace (upload, prepare, start, make current) and
 * waits for each step. {@code java ... DeployDirectory samples/hello-python dev}.
 */
public final class DeployDirectory {

    private static final Duration STEP_LIMIT = Duration.ofMinutes(5);

    private DeployDirectory() {
    }

    public static void main(String[] args) throws IOException {
        URI server = URI.create(System.getenv().getOrDefault("PAASMAKER_SERVER", "http://localhost:9080"));
        String token = System.getenv().containsKey("PAASMAKER_TOKEN") ? System.getenv("PAASMAKER_TOKEN")
                : Files.readString(Path.of(System.getProperty("user.home"), ".paasmaker", "token")).strip();
        try (PaasmakerClient client = PaasmakerClient.connect(server, token)) {
            VersionJson version = deploy(client, args.length > 1 ? args[1] : "dev", Path.of(args[0]));
            System.out.println("Version " + version.number() + " runs and is current.");
        } catch (PaasmakerClientException e) {
            System.err.println("paasmaker: " + e.getMessage());
            System.exit(e.code().exitCode());
        }
    }

    /** Deploys the directory as a new version of the application its manifest names; the version, current. */
    public static VersionJson deploy(PaasmakerClient client, String workspace, Path directory) {
        // Packed as .tar.gz while it uploads; the answer names the prepare job and the new version.
        VersionAccepted accepted = client.versions().create(workspace, VersionSource.directory(directory),
                (sent, total) -> System.out.printf("\rUploaded %,d bytes", sent));
        System.out.println();
        // The job tree as it runs: a line for each state change, and the log of whatever fails.
        try (JobEvents events = client.jobs().follow(accepted.jobId())) {
            for (JobEvent event : events) {
                if (event instanceof JobEvent.State state) {
                    System.out.println(state.change().title() + ": " + state.change().state());
                } else if (event instanceof JobEvent.End end) {
                    succeeded(client, end.job());
                }
            }
        }
        long version = accepted.version().id();
        waitFor(client, client.versions().start(version));
        waitFor(client, client.versions().makeCurrent(version));
        return client.versions().get(version);
    }

    private static void waitFor(PaasmakerClient client, JobAccepted job) {
        succeeded(client, client.jobs().await(job.jobId(), STEP_LIMIT));
    }

    private static void succeeded(PaasmakerClient client, JobJson job) {
        if (job.state() != JobState.SUCCESS) {
            throw new IllegalStateException(job.title() + " " + job.state() + ": " + job.summary()
                    + System.lineSeparator() + client.jobs().log(job.id()));
        }
    }
}
