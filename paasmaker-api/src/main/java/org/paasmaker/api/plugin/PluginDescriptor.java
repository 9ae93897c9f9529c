package org.paasmaker.api.plugin;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a plugin is, as the manifest and the API see it: its name (as written in manifests, such as
 * {@code paasmaker.runtime.shell}), its role and the parameters it declares.
 *
 * @param openParameters whether the plugin takes any parameters besides the declared ones (the
 *     parameters service hands its parameters over as credentials, whatever their names)
 */
public record PluginDescriptor(
        String name, PluginRole role, String summary, List<PluginParameter> parameters, boolean openParameters) {

    public PluginDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(summary, "summary");
        parameters = List.copyOf(parameters);
        Set<String> seen = new HashSet<>();
        for (PluginParameter parameter : parameters) {
            if (!seen.add(parameter.name())) {
                throw new IllegalArgumentException(
                        "plugin '" + name + "' declares parameter '" + parameter.name() + "' twice");
            }
        }
    }

    public PluginDescriptor(String name, PluginRole role, String summary, List<PluginParameter> parameters) {
        this(name, role, summary, parameters, false);
    }

    public Optional<PluginParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }
}
