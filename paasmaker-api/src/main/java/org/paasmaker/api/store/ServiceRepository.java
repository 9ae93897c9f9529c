package org.paasmaker.api.store;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceId;

/** Application services; names are unique per application. */
public interface ServiceRepository {

    /** A new service; a {@code CONFLICT} error when the application has one of that name. */
    ApplicationService create(
            ApplicationId application, String name, String plugin, PluginParameters parameters,
            PluginParameters credentials);

    Optional<ApplicationService> find(ServiceId id);

    Optional<ApplicationService> findByName(ApplicationId application, String name);

    default ApplicationService get(ServiceId id) {
        return find(id).orElseThrow(() -> new NotFoundException("service", id));
    }

    /** The application's services, by name. */
    List<ApplicationService> list(ApplicationId application);

    ApplicationService update(ApplicationService service);

    void delete(ServiceId id);
}
