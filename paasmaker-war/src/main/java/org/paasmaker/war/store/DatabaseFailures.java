package org.paasmaker.war.store;

import java.sql.SQLException;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** Which database failures mean "the database is not there", and the error a user sees for them. */
public final class DatabaseFailures {

    /** SQL state class 08: connection exceptions (refused, broken, closed by the server). */
    private static final String CONNECTION = "08";
    /** PostgreSQL's "the server is shutting down" (57P01 admin shutdown, 57P02 crash, 57P03 starting up). */
    private static final String SHUTDOWN = "57P0";

    private DatabaseFailures() {
    }

    /** Whether the failure (or a cause of it) says the database could not be reached, rather than refused a statement. */
    public static boolean isUnreachable(Throwable failure) {
        return sqlCause(failure).map(SQLException::getSQLState).map(String::valueOf)
                .filter(state -> state.startsWith(CONNECTION) || state.startsWith(SHUTDOWN)).isPresent();
    }

    /** Unavailable (503): the platform serves again once its database is back; the cause's message says why. */
    public static PaasmakerException unreachable(String where, Throwable failure) {
        String reason = sqlCause(failure).map(Throwable::getMessage).orElse(failure.getMessage());
        return new PaasmakerException(ErrorCode.UNAVAILABLE, "the platform's database at " + where
                + " is unreachable: " + reason + "; the platform answers again once it is back", failure);
    }

    /**
     * The database's unavailability this failure carries, if it does: an unavailable error the store
     * raised (wrapped, say, by CDI when the store could not be made), else a connection failure of the
     * database's driver, reported with {@code where}.
     */
    public static Optional<PaasmakerException> unavailable(Throwable failure, String where) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PaasmakerException e && e.code() == ErrorCode.UNAVAILABLE) {
                return Optional.of(e);
            }
        }
        return isUnreachable(failure) ? Optional.of(unreachable(where, failure)) : Optional.empty();
    }

    /** A JDBC URL without its {@code ?...} parameters, which may hold a password. */
    public static String withoutParameters(String url) {
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
