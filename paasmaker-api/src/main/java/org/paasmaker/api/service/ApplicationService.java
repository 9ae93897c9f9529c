package org.paasmaker.api.service;

import java.util.Objects;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * A service an application owns under its symbolic name, shared by all its versions.
 *
 * @param credentials what the application receives in {@code PM_SERVICES} (without {@code provider},
 *     which is added when the environment is built)
 */
public record ApplicationService(
        ServiceId id, ApplicationId applicationId, String name, String plugin, PluginParameters parameters,
        PluginParameters credentials) {

    public ApplicationService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(credentials, "credentials");
    }

    public ApplicationService withCredentials(PluginParameters newParameters, PluginParameters newCredentials) {
        return new ApplicationService(id, applicationId, name, plugin, newParameters, newCredentials);
    }
}
