package org.paasmaker.client;

import java.util.List;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.api.rest.DiskJson;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.ServiceJson;
import org.paasmaker.api.rest.VersionJson;

/** {@code /api/v1/applications/{app}}: an application, its versions and services; list them per workspace with {@link Workspaces#applications}. */
public final class Applications {

    private final Transport transport;

    Applications(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /applications/{id}}. */
    public ApplicationJson get(long id) {
        return transport.getJson(Transport.path("applications", id), ApplicationJson.class);
    }

    /** {@code GET /applications/{id}/versions}: each version without its manifest's text. */
    public List<VersionJson> versions(long id) {
        return transport.getList(Transport.path("applications", id, "versions"), VersionJson.class);
    }

    /**
     * {@code GET /applications/{id}/services}, with the credentials its instances receive, their
     * passwords masked ({@link ServiceJson#MASK}).
     */
    public List<ServiceJson> services(long id) {
        return services(id, false);
    }

    /** {@code GET /applications/{id}/services?reveal=true}: the same, with the passwords when {@code reveal}. */
    public List<ServiceJson> services(long id, boolean reveal) {
        String path = Transport.path("applications", id, "services");
        return transport.getList(reveal ? Transport.query(path, Transport.parameters("reveal", true)) : path,
                ServiceJson.class);
    }

    /** {@code GET /applications/{id}/disk}: what it holds on the platform's disk, by kind. */
    public DiskJson.ApplicationDiskJson disk(long id) {
        return transport.getJson(Transport.path("applications", id, "disk"), DiskJson.ApplicationDiskJson.class);
    }

    /**
     * {@code DELETE /applications/{id}?services=...}: the job that deletes its versions, instances and
     * packages; with {@code withServices} its services (and their data) and the application itself too,
     * else the application stays, empty, keeping its services for its next version.
     */
    public JobAccepted delete(long id, boolean withServices) {
        return transport.sendJson("DELETE", Transport.query(Transport.path("applications", id),
                Transport.parameters("services", withServices)), null, JobAccepted.class);
    }
}
