package org.paasmaker.api.rest;

import java.time.Instant;
import java.util.Map;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionState;

/**
 * A version on the wire.
 *
 * @param manifest the manifest's text, shown for one version and left out of lists
 * @param packageChecksum the SHA-256 of its package; absent until it is prepared
 * @param releasedAt when its release commands ran (once per version); absent before, and without any
 * @param kept whether a user marked it to be kept: retention never removes it
 */
public record VersionJson(long id, long applicationId, int number, VersionState state, boolean current,
        SourceJson source, String manifestPath, String manifest, String packageChecksum, Instant createdAt,
        Instant releasedAt, boolean kept) {

    /** The plugin that fetched the code and its parameters ({@code location}, {@code branch}, ...). */
    public record SourceJson(String plugin, Map<String, Object> parameters) {
    }

    public static VersionJson summary(ApplicationVersion version) {
        return of(version, null);
    }

    public static VersionJson full(ApplicationVersion version) {
        return of(version, version.manifestText());
    }

    private static VersionJson of(ApplicationVersion version, String manifest) {
        return new VersionJson(version.id().value(), version.applicationId().value(), version.number(),
                version.state(), version.current(),
                new SourceJson(version.source().plugin(), version.source().parameters().asMap()),
                version.manifestPath(), manifest, version.packageChecksum().orElse(null), version.createdAt(),
                version.releasedAt().orElse(null), version.kept());
    }
}
