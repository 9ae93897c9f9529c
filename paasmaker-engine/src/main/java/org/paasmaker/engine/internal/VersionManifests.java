package org.paasmaker.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.manifest.ManifestReader;
import org.paasmaker.api.plugin.PluginCatalog;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;

/**
 * Each version's manifest, read once: a version's manifest text never changes, and the health
 * checks, the crons and the routes ask for it every few seconds.
 */
public final class VersionManifests implements Function<ApplicationVersion, Manifest> {

    private final ManifestReader reader;
    private final Map<VersionId, Manifest> read = new ConcurrentHashMap<>();

    public VersionManifests(PluginCatalog plugins) {
        this.reader = new ManifestReader(plugins);
    }

    @Override
    public Manifest apply(ApplicationVersion version) {
        return read.computeIfAbsent(version.id(), id -> reader.read(version.manifestText(), version.manifestPath()));
    }

    /** Forgets a deleted version's manifest. */
    public void forget(VersionId version) {
        read.remove(version);
    }
}
