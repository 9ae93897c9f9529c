package org.paasmaker.engine.service;

import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;

/** The manifest's parameters, verbatim, are the credentials; a later version's parameters replace them. */
final class ParametersService implements Service {

    @Override
    public PluginParameters provision(ServiceRequest request, Optional<PluginParameters> existing) {
        return request.parameters();
    }

    @Override
    public void remove(ServiceRequest request, PluginParameters credentials) {
        // Nothing was made outside the records.
    }
}
