package org.paasmaker.war.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.engine.access.Access;

/**
 * Writes every change an authenticated caller asked for (any method but GET, HEAD and OPTIONS) to the
 * audit trail once it is answered, refusals included: who, what (the method and the path, which names
 * the object), the status, and the job the change started.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Caller caller;

    @Inject
    Access access;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod())) {
            return;
        }
        Optional<Authority> known = caller.known();
        if (known.isEmpty()) {
            return; // refused before anyone was known (401), or an open path
        }
        Optional<String> job = response.getEntity() instanceof JobAccepted accepted ? Optional.of(accepted.jobId())
                : response.getEntity() instanceof VersionAccepted accepted ? Optional.of(accepted.jobId())
                : Optional.empty();
        String path = request.getUriInfo().getRequestUri().getRawPath();
        access.audit(known.get().actor(), request.getMethod() + " " + path, response.getStatus(), job);
    }
}
