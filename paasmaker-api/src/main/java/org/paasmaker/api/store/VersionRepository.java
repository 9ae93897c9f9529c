package org.paasmaker.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;

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

    /**
     * Every application's versions in one of these states, by id: what a health round checks and what
     * the routes are computed from, asked of the store rather than found by walking every application.
     */
    List<ApplicationVersion> inStates(Set<VersionState> states);

    /** The current version of each application that has one, by id. */
    List<ApplicationVersion> current();

    /** The versions, of any application, whose package has this checksum. */
    List<ApplicationVersion> withPackage(String checksum);

    /**
     * Writes the version over the stored one when that is still at the version's revision, and returns it at
     * its next revision; otherwise a {@code CONFLICT} error ({@link Revisions}).
     */
    ApplicationVersion update(ApplicationVersion version);

    void delete(VersionId id);
}
