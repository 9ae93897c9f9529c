package org.paasmaker.api.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * What a runtime is told when an instance is about to start.
 *
 * @param version one of the runtime's installed versions, already matched
 * @param parameters the instance type's runtime parameters, validated, defaults filled in
 * @param codeDirectory the instance's own copy of the code
 * @param port the instance's port; empty for a standalone instance
 * @param environment the instance's environment, {@code PM_*} included, before the runtime's additions
 */
public record LaunchRequest(
        String version, PluginParameters parameters, Path codeDirectory, OptionalInt port,
        Map<String, String> environment) {

    public LaunchRequest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(codeDirectory, "codeDirectory");
        Objects.requireNonNull(port, "port");
        environment = Map.copyOf(environment);
    }
}
