package org.paasmaker.api.plugin;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The plugins a platform offers, by role and name. The manifest validator checks plugin names and
 * parameters against it; the engine's registry is one, and {@link BuiltinPlugins#catalog()} is the
 * standard edition's, used where no server is at hand (the command line's {@code manifest validate}).
 */
public interface PluginCatalog {

    /** Every plugin offered for the role, sorted by name. */
    List<PluginDescriptor> plugins(PluginRole role);

    default Optional<PluginDescriptor> find(PluginRole role, String name) {
        return plugins(role).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The plugin, or a {@code PLUGIN_NOT_ENABLED} error that lists the ones offered for the role. */
    default PluginDescriptor require(PluginRole role, String name) {
        return find(role, name).orElseThrow(() -> new PaasmakerException(
                ErrorCode.PLUGIN_NOT_ENABLED, notOfferedMessage(role, name)));
    }

    /** "The runtime 'x' is not available on this platform; it offers: a, b.", in the seed's words for a service. */
    default String notOfferedMessage(PluginRole role, String name) {
        String offered = plugins(role).stream().map(PluginDescriptor::name).collect(Collectors.joining(", "));
        return "the " + role.label() + " '" + name + "' is not available on this platform; it offers: "
                + (offered.isEmpty() ? "none" : offered);
    }
}
