package org.paasmaker.api.workspace;

import java.util.Map;
import java.util.Objects;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * A container of applications, typically one each for development, staging and production.
 *
 * @param stub the short lowercase name used in hostnames ({@code 1.web.hello.<stub>.localhost})
 * @param tags free-form data handed to applications as {@code PM_METADATA.workspace}
 */
public record Workspace(WorkspaceId id, String name, String stub, PluginParameters tags) {

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stub, "stub");
        Objects.requireNonNull(tags, "tags");
    }

    public Map<String, Object> tagMap() {
        return tags.asMap();
    }
}
