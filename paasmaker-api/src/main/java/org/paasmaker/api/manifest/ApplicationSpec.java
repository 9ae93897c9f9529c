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
 */
public record ApplicationSpec(
        String name, PluginParameters tags, Optional<RuntimeSpec> prepareRuntime, List<PluginSpec> prepareCommands) {

    public ApplicationSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(prepareRuntime, "prepareRuntime");
        prepareCommands = List.copyOf(prepareCommands);
    }

    public Map<String, Object> tagMap() {
        return tags.asMap();
    }
}
