package org.paasmaker.engine.prepare;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.ParameterType;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
import org.paasmaker.api.prepare.CommandStep;
import org.paasmaker.api.prepare.CommandStepProvider;

/**
 * {@code paasmaker.prepare.pythonpip}. Its one setting, {@code wheels}
 * ({@code PAASMAKER_PREPARE_PYTHONPIP_WHEELS}), is for nodes that reach no package index: pip then
 * installs only from that directory of wheels and source archives.
 */
public final class PythonPipStepProvider implements CommandStepProvider {

    static final String WHEELS = "wheels";

    private Optional<Path> wheels = Optional.empty();

    @Override
    public PluginDescriptor descriptor() {
        return BuiltinPlugins.PREPARE_PYTHONPIP;
    }

    @Override
    public List<PluginParameter> settings() {
        return List.of(PluginParameter.optional(WHEELS, ParameterType.STRING,
                "A directory of wheels and source archives to install requirements from, with no package index"
                + " (pip's --no-index --find-links); for nodes that cannot reach PyPI."));
    }

    @Override
    public void init(PluginSettings settings) {
        wheels = settings.findString(WHEELS).map(Path::of);
    }

    @Override
    public CommandStep create(PluginContext context) {
        return new PythonPipStep(wheels);
    }
}
