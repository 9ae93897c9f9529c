package org.paasmaker.engine.service.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;

/**
 * The services a test provisioned on a plugin, each removed by {@link #removeAll()} (from the test's
 * {@code @AfterEach}, so also after a failure): the next test starts on a server without them.
 */
final class ServicesMade {

    private final Service service;
    private final List<Made> made = new ArrayList<>();

    ServicesMade(Service service) {
        this.service = service;
    }

    /** A new service of {@code serviceName} for {@code application}; its credentials. */
    PluginParameters provision(String application, String serviceName) {
        ServiceRequest request = request(application, serviceName);
        PluginParameters credentials = service.provision(request, Optional.empty());
        made.add(new Made(request, credentials));
        return credentials;
    }

    /** The request of a test's application (its id from its name) for a service of that name. */
    static ServiceRequest request(String application, String serviceName) {
        return new ServiceRequest(new ApplicationId(Math.abs(application.hashCode()) + 1L), application, "test",
                serviceName, PluginParameters.empty());
    }

    void removeAll() {
        for (Made one : made) {
            service.remove(one.request, one.credentials);
        }
        made.clear();
    }

    private record Made(ServiceRequest request, PluginParameters credentials) {
    }
}
