package org.paasmaker.api.prepare;

import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginProvider;

/**
 * Makes the {@link CommandStep} of a prepare plugin ({@code paasmaker.prepare.shell}) or a startup
 * plugin ({@code paasmaker.startup.shell}); the descriptor's role says which.
 */
public interface CommandStepProvider extends PluginProvider {

    CommandStep create(PluginContext context);
}
