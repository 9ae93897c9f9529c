package org.paasmaker.api.rest;

import java.util.Map;
import org.paasmaker.api.application.Application;

/** An application on the wire. */
public record ApplicationJson(long id, long workspaceId, String name, Map<String, Object> tags) {

    public static ApplicationJson of(Application application) {
        return new ApplicationJson(application.id().value(), application.workspaceId().value(), application.name(),
                application.tags().asMap());
    }
}
