package org.paasmaker.engine.environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.process.LaunchSpec;

/**
 * What a version's processes see: the server's variables that can pass to a process, PM_METADATA,
 * PM_SERVICES (the services the version's manifest names) and, for an instance that listens, PM_PORT.
 * Instances and the version's release commands are given the same.
 */
public final class InstanceEnvironment {

    private final Store store;
    private final Map<String, String> baseEnvironment;
    private final Map<String, Object> nodeTags;

    public InstanceEnvironment(Store store, Map<String, String> baseEnvironment, Map<String, Object> nodeTags) {
        this.store = store;
        this.baseEnvironment = passable(baseEnvironment);
        this.nodeTags = Map.copyOf(nodeTags);
    }

    /**
     * The environment of the version's processes on the controller (its release commands), whose
     * {@code PM_METADATA.node} holds the controller's own tags; with PM_PORT when a port is given.
     */
    public Map<String, String> of(
            ApplicationVersion version, Application application, Manifest manifest, OptionalInt port) {
        return of(version, application, manifest, port, nodeTags);
    }

    /** The environment of an instance on a node: {@code PM_METADATA.node} holds that node's tags. */
    public Map<String, String> of(
            ApplicationVersion version, Application application, Manifest manifest, OptionalInt port,
            Map<String, Object> nodeTags) {
        Workspace workspace = store.workspaces().get(application.workspaceId());
        List<ApplicationService> services = store.services().list(application.id()).stream()
                .filter(service -> manifest.service(service.name()).isPresent())
                .toList();
        Map<String, String> environment = new LinkedHashMap<>(ApplicationEnvironment.of(baseEnvironment,
                workspace, application, version, services, nodeTags));
        port.ifPresent(p -> environment.put(ApplicationEnvironment.PORT, Integer.toString(p)));
        return environment;
    }

    /**
     * The server's variables a process can be given: names a shell could export. Others (bash's
     * exported functions, {@code BASH_FUNC_x%%}) cannot pass through to a process of its own.
     */
    private static Map<String, String> passable(Map<String, String> environment) {
        Map<String, String> kept = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (LaunchSpec.isPortable(name)) {
                kept.put(name, value);
            }
        });
        return Map.copyOf(kept);
    }
}
