package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.runtime.RuntimeProvider;

/**
 * A runtime plugin whose versions are installations found on this node: in the usual places its
 * language's version managers use, and in the operator's {@code directories} setting.
 */
abstract class InstalledRuntimeProvider implements RuntimeProvider {

    private final PluginDescriptor descriptor;
    private final String example;
    private List<Path> directories = List.of();

    /** @param example a directory an operator might give, for the setting's help */
    InstalledRuntimeProvider(PluginDescriptor descriptor, String example) {
        this.descriptor = descriptor;
        this.example = example;
    }

    @Override
    public final PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final List<PluginParameter> settings() {
        return List.of(RuntimeDirectories.setting(example));
    }

    @Override
    public final void init(PluginSettings settings) {
        directories = RuntimeDirectories.of(settings);
    }

    @Override
    public final Runtime create(PluginContext context) {
        return create(Path.of(System.getProperty("user.home")));
    }

    /** The usual places under the given home, then the operator's directories. */
    final List<Path> roots(List<Path> usual) {
        return Stream.concat(usual.stream(), directories.stream()).toList();
    }

    abstract Runtime create(Path home);
}
