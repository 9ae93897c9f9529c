package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * The manifest's {@code application} section.
 *
 * @param tags free-form tags; unlike the original, kept and shown by the API
 * @param prepareRuntime the runtime whose tools the prepare commands see first on the PATH
 * @param releaseRuntime likewise for the release commands
 * @param releaseCommands run once per version, before its instances start, with their environment
 *     (not in the original, whose startup commands ran in every instance at once)
 * @param redirectHttps lowercased hostnames of the application whose plain HTTP requests are
 *     redirected to HTTPS, once a certificate covers them (not in the original)
 */
public record ApplicationSpec(
        String name, PluginParameters tags, Optional<RuntimeSpec> prepareRuntime, List<PluginSpec> prepareCommands,
        Optional<RuntimeSpec> releaseRuntime, List<PluginSpec> releaseCommands, List<String> redirectHttps) {

    public ApplicationSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(prepareRuntime, "prepareRuntime");
        prepareCommands = List.copyOf(prepareCommands);
        Objects.requireNonNull(releaseRuntime, "releaseRuntime");
        releaseCommands = List.copyOf(releaseCommands);
        redirectHttps = List.copyOf(redirectHttps);
    }

    /** Whether a version of the application has a release step to run before its instances start. */
    public boolean hasRelease() {
        return !releaseCommands.isEmpty();
    }

    public Map<String, Object> tagMap() {
        return tags.asMap();
    }
}
