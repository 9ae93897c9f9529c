package org.paasmaker.environment;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@code PM_METADATA} says about the instance: its application, version and workspace, and the
 * free-form tags of its node and workspace.
 *
 * @param applicationName the application's name ({@code application.name})
 * @param applicationId   the application's id; empty when read from a fallback file, whose layout has none
 * @param versionNumber   the version's number within its application ({@code application.version})
 * @param versionId       the version's id; empty when read from a fallback file
 * @param workspaceName   the workspace's name ({@code application.workspace})
 * @param workspaceStub   the workspace's stub ({@code application.workspace_stub})
 * @param nodeTags        the node's tags ({@code node}), in their order; values are strings, numbers,
 *                        booleans, nulls, lists and maps as in the JSON
 * @param workspaceTags   the workspace's tags ({@code workspace}); where to tell staging from
 *                        production, as the original's interfaces read {@code RAILS_ENV}
 */
public record Metadata(
        String applicationName, OptionalLong applicationId, int versionNumber, OptionalLong versionId,
        String workspaceName, String workspaceStub, Map<String, Object> nodeTags, Map<String, Object> workspaceTags) {

    public Metadata {
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(workspaceName, "workspaceName");
        Objects.requireNonNull(workspaceStub, "workspaceStub");
        nodeTags = Values.copyOf(Objects.requireNonNull(nodeTags, "nodeTags"));
        workspaceTags = Values.copyOf(Objects.requireNonNull(workspaceTags, "workspaceTags"));
    }
}
