package org.paasmaker.client;

import java.util.List;
import java.util.Objects;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.api.rest.WorkspaceJson;
import org.paasmaker.api.rest.WorkspaceRequest;

/** {@code /api/v1/workspaces}: a workspace is named by its id or its stub ({@code "7"} or {@code "dev"}). */
public final class Workspaces {

    private final Transport transport;

    Workspaces(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /workspaces}. */
    public List<WorkspaceJson> list() {
        return transport.getList("workspaces", WorkspaceJson.class);
    }

    /** {@code GET /workspaces/{ws}}; a {@code NOT_FOUND} exception when there is none. */
    public WorkspaceJson get(String idOrStub) {
        return transport.getJson(Transport.path("workspaces", idOrStub), WorkspaceJson.class);
    }

    /** {@code POST /workspaces}: the new workspace (201). */
    public WorkspaceJson create(WorkspaceRequest request) {
        Objects.requireNonNull(request, "the workspace to create");
        return transport.sendJson("POST", "workspaces", request, WorkspaceJson.class);
    }

    /** {@code PUT /workspaces/{ws}}: replaces its name, stub and tags; the id stays. */
    public WorkspaceJson update(String ws, WorkspaceRequest request) {
        Objects.requireNonNull(request, "the workspace's new name, stub and tags");
        return transport.sendJson("PUT", Transport.path("workspaces", ws), request, WorkspaceJson.class);
    }

    /** {@code DELETE /workspaces/{ws}}: only an empty one goes ({@code CONFLICT} while it holds applications). */
    public void delete(String ws) {
        transport.sendJson("DELETE", Transport.path("workspaces", ws), null, Void.class);
    }

    /** {@code GET /workspaces/{ws}/applications}. */
    public List<ApplicationJson> applications(String ws) {
        return transport.getList(Transport.path("workspaces", ws, "applications"), ApplicationJson.class);
    }
}
