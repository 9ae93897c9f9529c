package org.paasmaker.war.rest;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** A JSON body a call cannot do without: a missing one is an {@code INVALID_REQUEST} that shows an example. */
final class Bodies {

    private Bodies() {
    }

    static <T> T required(T body, String example) {
        if (body == null) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the body must be a JSON object such as " + example);
        }
        return body;
    }
}
