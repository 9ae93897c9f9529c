package org.paasmaker.war.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * One short entity manager and one resource-local transaction per repository call. The engine calls
 * the store from its own threads, outside any container transaction, and a manager per call means no
 * manager is ever shared between threads. Database failures leave as {@link PaasmakerException}s.
 */
final class Transactions {

    private final EntityManagerFactory factory;

    Transactions(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /**
     * Runs {@code work} in a transaction and commits it; rolls back when anything fails. {@code what}
     * completes "could not ..." in the error a user sees.
     */
    <T> T inTransaction(String what, Function<EntityManager, T> work) {
        EntityManager manager = open(what);
        EntityTransaction transaction = manager.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(manager);
            transaction.commit();
            return result;
        } catch (PersistenceException e) {
            throw translate(what, e);
        } finally {
            try {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
            } finally {
                manager.close();
            }
        }
    }

    private EntityManager open(String what) {
        try {
            return factory.createEntityManager();
        } catch (PersistenceException e) {
            throw translate(what, e);
        }
    }

    private static PaasmakerException translate(String what, PersistenceException e) {
        Optional<SQLException> sql = sqlCause(e);
        String state = sql.map(SQLException::getSQLState).orElse("");
        String reason = sql.map(Throwable::getMessage).orElse(e.getMessage());
        if (state.startsWith("23")) {
            return new DuplicateKeyException("could not " + what + ": " + reason, e);
        }
        if (state.equals("22001")) {
            return new PaasmakerException(ErrorCode.INVALID_REQUEST, "could not " + what + ": a value is longer than"
                    + " the database keeps (" + reason + "); shorten it", e);
        }
        return new PaasmakerException(ErrorCode.INTERNAL, "could not " + what + " in the database: " + reason
                + "; check that the database is reachable (in the server, the data source jdbc/paasmaker)"
                + " and see the server log for the database's own error", e);
    }

    private static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
