package org.paasmaker.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;

/** Application versions. */
public interface VersionRepository {

    /**
     * A new version in state NEW, numbered one more than the application's highest number so far
     * (deleted versions included, so a number is never reused), atomically.
     */
    ApplicationVersion create(
            ApplicationId application, SourceSpec source, String manifestPath, String manifestText, Instant createdAt);

    Optional<ApplicationVersion> find(VersionId id);

    default ApplicationVersion get(VersionId id) {
        return find(id).orElseThrow(() -> new NotFoundException("version", id));
    }

    /** The application's versions, by number. */
    List<ApplicationVersion> list(ApplicationId application);

    ApplicationVersion update(ApplicationVersion version);

    void delete(VersionId id);
}
