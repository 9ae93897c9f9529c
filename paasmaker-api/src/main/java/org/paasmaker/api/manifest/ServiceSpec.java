package org.paasmaker.api.manifest;

import java.util.Objects;
import org.paasmaker.api.plugin.PluginParameters;

/** A service the application asks for under its own symbolic name. */
public record ServiceSpec(String name, String plugin, PluginParameters parameters) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(parameters, "parameters");
    }
}
