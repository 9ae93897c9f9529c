package org.paasmaker.api.version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.source.SourceSpec;

/**
 * One deployment of an application's code.
 *
 * @param number 1, 2, 3, ... per application
 * @param manifestPath where in the source the manifest was read from
 * @param manifestText the manifest as the user wrote it
 * @param packageChecksum the SHA-256 of the packed, prepared code, once prepared
 * @param releasedAt when its release commands succeeded, which they do once per version; empty before,
 *     and for a manifest without them
 * @param kept a user's mark: retention never removes the version, however old it grows
 * @param revision the store's count of this record's writes, which the store sets: 0 before it is stored; an
 *     update names the revision it read and fails as CONFLICT when another write came between
 */
public record ApplicationVersion(
        VersionId id, ApplicationId applicationId, int number, VersionState state, boolean current,
        SourceSpec source, String manifestPath, String manifestText, Optional<String> packageChecksum,
        Instant createdAt, Optional<Instant> releasedAt, boolean kept, long revision) {

    public ApplicationVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        if (number < 1) {
            throw new IllegalArgumentException("version numbers start at 1: " + number);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifestPath, "manifestPath");
        Objects.requireNonNull(manifestText, "manifestText");
        Objects.requireNonNull(packageChecksum, "packageChecksum");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(releasedAt, "releasedAt");
        if (revision < 0) {
            throw new IllegalArgumentException("a version's revision is 0 or more, not " + revision);
        }
    }

    public ApplicationVersion withState(VersionState newState) {
        return new ApplicationVersion(id, applicationId, number, newState, current, source, manifestPath,
                manifestText, packageChecksum, createdAt, releasedAt, kept, revision);
    }

    public ApplicationVersion withCurrent(boolean isCurrent) {
        return new ApplicationVersion(id, applicationId, number, state, isCurrent, source, manifestPath,
                manifestText, packageChecksum, createdAt, releasedAt, kept, revision);
    }

    public ApplicationVersion withPackage(String checksum) {
        return new ApplicationVersion(id, applicationId, number, state, current, source, manifestPath,
                manifestText, Optional.of(checksum), createdAt, releasedAt, kept, revision);
    }

    public ApplicationVersion released(Instant at) {
        return new ApplicationVersion(id, applicationId, number, state, current, source, manifestPath,
                manifestText, packageChecksum, createdAt, Optional.of(at), kept, revision);
    }

    public ApplicationVersion withKept(boolean isKept) {
        return new ApplicationVersion(id, applicationId, number, state, current, source, manifestPath,
                manifestText, packageChecksum, createdAt, releasedAt, isKept, revision);
    }

    /** This record as the store holds it at the revision given. */
    public ApplicationVersion withRevision(long newRevision) {
        return new ApplicationVersion(id, applicationId, number, state, current, source, manifestPath,
                manifestText, packageChecksum, createdAt, releasedAt, kept, newRevision);
    }
}
