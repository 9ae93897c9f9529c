package org.paasmaker.api.manifest;

import java.util.Objects;
import org.paasmaker.api.plugin.PluginParameters;

/** A runtime as a manifest asks for it: plugin, version (as text, {@code 1} becomes "1"), parameters. */
public record RuntimeSpec(String plugin, String version, PluginParameters parameters) {

    public RuntimeSpec {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(parameters, "parameters");
    }
}
