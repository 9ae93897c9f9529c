package org.paasmaker.api.rest;

import java.util.Map;
import org.paasmaker.api.service.ApplicationService;

/** An application's service with the credentials its instances receive in {@code PM_SERVICES}. */
public record ServiceJson(long id, long applicationId, String name, String plugin, Map<String, Object> parameters,
        Map<String, Object> credentials) {

    public static ServiceJson of(ApplicationService service) {
        return new ServiceJson(service.id().value(), service.applicationId().value(), service.name(), service.plugin(),
                service.parameters().asMap(), service.credentials().asMap());
    }
}
