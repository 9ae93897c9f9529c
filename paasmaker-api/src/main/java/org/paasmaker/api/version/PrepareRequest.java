package org.paasmaker.api.version;

import java.util.Objects;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * A request for a new version: fetch the source, read its manifest, prepare and pack it.
 *
 * @param manifestPath the manifest's path relative to the source's root; {@code manifest.yml} by default
 */
public record PrepareRequest(WorkspaceId workspace, SourceSpec source, String manifestPath) {

    public static final String DEFAULT_MANIFEST = "manifest.yml";

    public PrepareRequest {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifestPath, "manifestPath");
        if (manifestPath.isBlank() || manifestPath.startsWith("/") || java.util.Arrays.asList(manifestPath.split("/")).contains("..")) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the manifest path '" + manifestPath
                    + "' must be a relative path inside the source, such as manifest.yml");
        }
    }

    public PrepareRequest(WorkspaceId workspace, SourceSpec source) {
        this(workspace, source, DEFAULT_MANIFEST);
    }
}
