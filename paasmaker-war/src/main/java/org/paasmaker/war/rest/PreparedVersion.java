package org.paasmaker.war.rest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.Jobs;
import org.paasmaker.engine.job.JobEvent;
import org.paasmaker.engine.job.JobSubscription;

/**
 * The version a prepare job makes, as soon as it has made it: the job tags its root with
 * {@value #TAG} once it has read the manifest and recorded the version. The engine tells of the tag
 * (or of the job's end without one); nothing is polled.
 */
final class PreparedVersion {

    static final String TAG = "version_id";

    private PreparedVersion() {
    }

    /**
     * Waits until the prepare job names its version, and returns it; empty when the job ended without
     * one (the source could not be fetched, the manifest is not valid) or had named none within
     * {@code limit}.
     */
    static Optional<VersionId> await(Jobs jobs, JobId prepare, Duration limit) {
        CompletableFuture<Void> told = new CompletableFuture<>();
        try (JobSubscription subscription = jobs.subscribe(prepare, event -> {
            if (event.job().equals(prepare) && (event instanceof JobEvent.Tagged tagged && tagged.key().equals(TAG)
                    || event instanceof JobEvent.StateChanged changed && changed.state().finished())) {
                told.complete(null);
            }
        })) {
            // After subscribing: a tag made before is read here, one made after is told.
            JobView job = jobs.get(prepare);
            if (versionOf(job).isEmpty() && !job.state().finished()) {
                told.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            // Answered without the version; the job tells it later.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return versionOf(jobs.get(prepare));
    }

    private static Optional<VersionId> versionOf(JobView job) {
        return Optional.ofNullable(job.tags().get(TAG)).map(id -> new VersionId(Long.parseLong(id)));
    }
}
