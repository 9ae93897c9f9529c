package org.paasmaker.war.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The engine's errors as problem+json with their code's status. Their messages are written for users,
 * so they go out as they are; an INTERNAL one's cause stays in the server log.
 */
@Provider
public class PaasmakerExceptionMapper implements ExceptionMapper<PaasmakerException> {

    private static final Logger LOG = Logger.getLogger(PaasmakerExceptionMapper.class.getName());

    @Override
    public Response toResponse(PaasmakerException e) {
        if (e.code() == ErrorCode.INTERNAL) {
            LOG.log(Level.WARNING, e.getMessage(), e);
        }
        return Problems.response(e.code(), e.getMessage(), e.errors());
    }
}
