package org.paasmaker.engine.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.Workspace;

/**
 * Everything a {@link FileStore} keeps, frozen: what its file holds. The lists are in the order the
 * store lists records; {@code highestVersionNumbers} outlives deleted versions and applications, so
 * that a version number is never reused.
 *
 * @param nextId the id the next workspace, application, version or service gets
 * @param highestVersionNumbers application id to the highest version number it ever had
 */
record FileStoreSnapshot(
        long nextId, Map<Long, Integer> highestVersionNumbers, List<Workspace> workspaces,
        List<Application> applications, List<ApplicationVersion> versions, List<ApplicationService> services,
        List<Instance> instances) {

    static final FileStoreSnapshot EMPTY = new FileStoreSnapshot(1, Map.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());

    FileStoreSnapshot {
        if (nextId < 1) {
            throw new IllegalArgumentException("the next id must be positive, not " + nextId);
        }
        // Map.copyOf would lose the order, which keeps the file stable from one write to the next.
        highestVersionNumbers = Collections.unmodifiableMap(new LinkedHashMap<>(highestVersionNumbers));
        workspaces = List.copyOf(workspaces);
        applications = List.copyOf(applications);
        versions = List.copyOf(versions);
        services = List.copyOf(services);
        instances = List.copyOf(instances);
    }
}
