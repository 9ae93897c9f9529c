package org.paasmaker.api.plugin;

import java.util.Objects;
import java.util.Optional;

/**
 * One option a plugin accepts in its manifest {@code parameters}. The manifest validator, the
 * plugin list of the API and the console all read the same declaration.
 *
 * @param defaultValue the value used when the manifest leaves the parameter out; empty for required
 *     parameters and for optional ones that have no default
 * @param secret whether the value must be hidden when shown back (passwords)
 */
public record PluginParameter(
        String name, ParameterType type, boolean required, Optional<Object> defaultValue, boolean secret, String help) {

    public PluginParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(help, "help");
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException("required parameter '" + name + "' cannot have a default");
        }
    }

    public static PluginParameter required(String name, ParameterType type, String help) {
        return new PluginParameter(name, type, true, Optional.empty(), false, help);
    }

    public static PluginParameter optional(String name, ParameterType type, Object defaultValue, String help) {
        return new PluginParameter(name, type, false, Optional.of(defaultValue), false, help);
    }

    public static PluginParameter optional(String name, ParameterType type, String help) {
        return new PluginParameter(name, type, false, Optional.empty(), false, help);
    }

    /** The same parameter, marked as secret. */
    public PluginParameter asSecret() {
        return new PluginParameter(name, type, required, defaultValue, true, help);
    }
}
