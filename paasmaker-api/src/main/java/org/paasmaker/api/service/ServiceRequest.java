package org.paasmaker.api.service;

import java.util.Objects;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;

/** Which application service to provision, with the manifest's parameters for it. */
public record ServiceRequest(
        ApplicationId applicationId, String applicationName, String workspaceStub, String serviceName,
        PluginParameters parameters) {

    public ServiceRequest {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(workspaceStub, "workspaceStub");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(parameters, "parameters");
    }
}
