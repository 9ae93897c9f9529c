package org.paasmaker.engine.environment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.Workspace;

/**
 * The {@code PM_*} variables an application's processes see, JSON-encoded exactly as the original
 * Paasmaker encoded them (the same keys, nesting and types).
 */
public final class ApplicationEnvironment {

    public static final String METADATA = "PM_METADATA";
    public static final String SERVICES = "PM_SERVICES";
    public static final String PORT = "PM_PORT";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApplicationEnvironment() {
    }

    /**
     * {@code PM_METADATA} and {@code PM_SERVICES} over {@code base}; ours win over a same-named
     * variable of the server's (the original let the server's win, which hid the real values).
     */
    public static Map<String, String> of(
            Map<String, String> base, Workspace workspace, Application application, ApplicationVersion version,
            List<ApplicationService> services, Map<String, Object> nodeTags) {
        Map<String, String> environment = new LinkedHashMap<>(base);
        environment.remove(PORT);
        environment.put(METADATA, json(metadata(workspace, application, version, nodeTags)));
        environment.put(SERVICES, json(services(services)));
        return environment;
    }

    static Map<String, Object> metadata(
            Workspace workspace, Application application, ApplicationVersion version, Map<String, Object> nodeTags) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("application_id", application.id().value());
        app.put("name", application.name());
        app.put("version", version.number());
        app.put("version_id", version.id().value());
        app.put("workspace", workspace.name());
        app.put("workspace_stub", workspace.stub());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("application", app);
        metadata.put("node", nodeTags);
        metadata.put("workspace", workspace.tagMap());
        return metadata;
    }

    static Map<String, Object> services(List<ApplicationService> services) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (ApplicationService service : services) {
            Map<String, Object> credentials = new LinkedHashMap<>(service.credentials().asMap());
            credentials.put("provider", service.plugin());
            all.put(service.name(), credentials);
        }
        return all;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot encode the application environment: " + e, e);
        }
    }
}
