package org.paasmaker.war.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.war.store.DatabaseFailures;

/**
 * Everything else: a body that is not JSON is the caller's 400; a database that cannot be reached
 * (however wrapped: CDI wraps the store's error when the engine cannot be made without it) is 503, with
 * the database's name and no stack trace, so callers retry; anything more is a 500 whose details (and
 * stack trace) stay in the server log under a reference the answer gives.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (BadBodies.isBadBody(e)) {
            return Problems.response(ErrorCode.INVALID_REQUEST, BadBodies.describe(e), List.of());
        }
        Optional<PaasmakerException> unavailable = DatabaseFailures.unavailable(e, "jdbc/paasmaker");
        if (unavailable.isPresent()) {
            return Problems.response(ErrorCode.UNAVAILABLE, unavailable.get().getMessage(), List.of());
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error " + reference, e);
        return Problems.response(ErrorCode.INTERNAL, "the server failed unexpectedly; its log has the details under "
                + reference, List.of());
    }
}
