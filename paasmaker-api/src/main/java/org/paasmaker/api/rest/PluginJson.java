package org.paasmaker.api.rest;

import java.util.List;
import org.paasmaker.api.plugin.ParameterType;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginRole;

/** A plugin this platform offers, with the parameters a manifest may give it. */
public record PluginJson(String name, PluginRole role, String summary, List<ParameterJson> parameters,
        boolean openParameters) {

    /** One declared parameter; {@code defaultValue} is absent when it has none. */
    public record ParameterJson(String name, ParameterType type, boolean required, Object defaultValue, boolean secret,
            String help) {

        static ParameterJson of(PluginParameter parameter) {
            return new ParameterJson(parameter.name(), parameter.type(), parameter.required(),
                    parameter.defaultValue().orElse(null), parameter.secret(), parameter.help());
        }
    }

    public static PluginJson of(PluginDescriptor plugin) {
        return new PluginJson(plugin.name(), plugin.role(), plugin.summary(),
                plugin.parameters().stream().map(ParameterJson::of).toList(), plugin.openParameters());
    }
}
