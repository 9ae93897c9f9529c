package org.paasmaker.api.manifest;

import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;

/** A plugin named in a manifest, with its validated parameters and the optional label the manifest gave it. */
public record PluginSpec(String plugin, PluginParameters parameters, Optional<String> name) {

    public PluginSpec {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(name, "name");
    }

    public static PluginSpec of(String plugin, PluginParameters parameters) {
        return new PluginSpec(plugin, parameters, Optional.empty());
    }
}
