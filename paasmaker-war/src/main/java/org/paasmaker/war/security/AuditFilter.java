package org.paasmaker.war.security;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.paasmaker.api.access.Authority;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.engine.access.Access;
import org.paasmaker.war.store.DatabaseFailures;

/**
 * Writes every change an authenticated caller asked for (any method but GET, HEAD and OPTIONS) to the
 * audit trail once it is answered, refusals included: who, what (the method and the path, which names
 * the object), the status, and the job the change started.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Caller caller;

    /** Looked up per change: made lazily, so that a database down at start fails the change, not every answer. */
    @Inject
    Instance<Access> access;

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
        String action = request.getMethod() + " " + path;
        try {
            access.get().audit(known.get().actor(), action, response.getStatus(), job);
        } catch (RuntimeException e) {
            // The answer is written already; a trail the database cannot take goes to the log instead.
            PaasmakerException unavailable = DatabaseFailures.unavailable(e, "jdbc/paasmaker").orElseThrow(() -> e);
            LOG.warning(() -> "Not in the audit trail (" + unavailable.getMessage() + "): " + known.get().actor() + " "
                    + action + " " + response.getStatus() + job.map(id -> " job " + id).orElse(""));
        }
    }
}
