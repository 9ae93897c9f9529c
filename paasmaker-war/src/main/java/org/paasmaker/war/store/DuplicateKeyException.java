package org.paasmaker.war.store;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The database refused a row because a unique key (a stub, a name, an instance id) is taken. The
 * repositories check first and say who holds the key; this is the race in between, which they turn
 * into the same error or, for find-or-create, into the find.
 */
final class DuplicateKeyException extends PaasmakerException {

    private static final long serialVersionUID = 1L;

    DuplicateKeyException(String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
    }
}
