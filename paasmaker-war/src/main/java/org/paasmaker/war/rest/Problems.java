package org.paasmaker.war.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.rest.Problem;

/** Error answers: a {@link Problem} as {@code application/problem+json} with its status. */
final class Problems {

    private static final MediaType PROBLEM_JSON = MediaType.valueOf(Problem.MEDIA_TYPE);

    private Problems() {
    }

    static Response response(ErrorCode code, String detail, List<FieldError> errors) {
        return builder(Problem.of(code, detail, errors)).build();
    }

    static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(PROBLEM_JSON).entity(problem);
    }

    static Problem ofStatus(Response.StatusType status, String detail) {
        return Problem.ofStatus(status.getStatusCode(), status.getReasonPhrase(), detail);
    }
}
