package org.paasmaker.api.service;

import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;

/** Creates, updates and removes the resources behind application services. */
public interface Service {

    /**
     * Creates the resource, or updates it when {@code existing} holds the credentials it was given
     * before (a later version asking for the same service). Returns the credentials the application
     * receives.
     */
    PluginParameters provision(ServiceRequest request, Optional<PluginParameters> existing);

    /** Removes the resource; called when the application is deleted with its services. */
    void remove(ServiceRequest request, PluginParameters credentials);

    /** Its export and import, for a service that holds data; none by default. */
    default Optional<ServiceDumps> dumps() {
        return Optional.empty();
    }
}
