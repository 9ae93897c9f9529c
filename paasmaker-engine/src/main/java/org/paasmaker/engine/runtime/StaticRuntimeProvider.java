package org.paasmaker.engine.runtime;

import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.ParameterType;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.runtime.RuntimeProvider;
import org.paasmaker.engine.process.JvmOptions;

/**
 * {@code paasmaker.runtime.static}: a document root served as files, version "1". The operator's setting
 * {@code java_options} (as a variable {@code PAASMAKER_RUNTIME_STATIC_JAVA_OPTIONS}) replaces the file
 * server's JVM options ({@link JvmOptions}: a wrong one stops the engine's start, naming the setting).
 */
public final class StaticRuntimeProvider implements RuntimeProvider {

    static final String JAVA_OPTIONS = "java_options";

    private List<String> javaOptions = StaticRuntime.JAVA_OPTIONS;

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.RUNTIME_STATIC;
    }

    @Override
    public List<PluginParameter> settings() {
        return List.of(PluginParameter.optional(JAVA_OPTIONS, ParameterType.STRING, String.join(" ",
                StaticRuntime.JAVA_OPTIONS), "The JVM options of each instance's file server, separated by spaces."));
    }

    @Override
    public void init(PluginSettings settings) {
        javaOptions = JvmOptions.parse("the setting '" + JAVA_OPTIONS + "' ("
                + PluginSettings.variable(settings.plugin(), JAVA_OPTIONS) + ") of the plugin '" + settings.plugin() + "'",
                settings.findString(JAVA_OPTIONS).orElse(""), StaticRuntime.JAVA_OPTIONS);
    }

    @Override
    public Runtime create(PluginContext context) {
        return new StaticRuntime(javaOptions);
    }
}
