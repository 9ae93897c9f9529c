package org.paasmaker.war.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * One short entity manager and one resource-local transaction per repository call. The engine calls
 * the store from its own threads, outside any container transaction, and a manager per call means no
 * manager is ever shared between threads. Database failures leave as {@link PaasmakerException}s: a
 * database that cannot be reached as unavailable (503, and the API works again once it is back), a write
 * over a stale revision as a conflict.
 */
final class Transactions {

    private static final int ATTEMPTS = 8;
    /** The SQL state class of "transaction rollback": deadlocks, lock time-outs, serialization failures. */
    private static final String ROLLED_BACK = "40";

    private final EntityManagerFactory factory;
    /** The database's URL and user, as its driver said on the first connection: what errors name it by. */
    private volatile String where = "jdbc/paasmaker (not reached yet)";
    private volatile boolean located;

    Transactions(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /**
     * Runs {@code work} in a transaction and commits it; rolls back when anything fails. A transaction
     * the database rolled back for contention (a deadlock, a lock it would not wait for) runs again from
     * the start, a few times; Derby rolls back the whole transaction then, and does so now and again
     * (lock time-out 40XL1, seen in the concurrency tests) to concurrent first inserts into a new table.
     * {@code what} completes "could not ..." in the error a user sees.
     */
    <T> T inTransaction(String what, Function<EntityManager, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (PersistenceException e) {
                if (attempt >= ATTEMPTS || !sqlState(e).startsWith(ROLLED_BACK)) {
                    throw translate(what, e);
                }
                pauseBeforeAttempt(attempt + 1, what, e);
            } catch (RuntimeException e) {
                // EclipseLink's own DatabaseException, when a connection cannot even be had.
                if (DatabaseFailures.isUnreachable(e)) {
                    throw DatabaseFailures.unreachable(where, e);
                }
                throw e;
            }
        }
    }

    /**
     * A pause that grows and varies between attempts: transactions that collided and all started again
     * at once would only collide again (seen with sixteen threads taking one stub on two cores).
     */
    private void pauseBeforeAttempt(int attempt, String what, PersistenceException failure) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw translate(what, failure);
        }
    }

    private <T> T once(Function<EntityManager, T> work) {
        EntityManager manager = factory.createEntityManager();
        EntityTransaction transaction = manager.getTransaction();
        try {
            transaction.begin();
            if (!located) {
                locate(manager);
            }
            T result = work.apply(manager);
            transaction.commit();
            return result;
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

    private void locate(EntityManager manager) {
        try {
            DatabaseMetaData database = manager.unwrap(Connection.class).getMetaData();
            where = DatabaseFailures.withoutParameters(database.getURL()) + " (user " + database.getUserName() + ")";
            located = true;
        } catch (SQLException | PersistenceException e) {
            // Named by its data source meanwhile; the statement that follows reports the failure.
        }
    }

    private PaasmakerException translate(String what, PersistenceException e) {
        String state = sqlState(e);
        String reason = DatabaseFailures.sqlCause(e).map(Throwable::getMessage).orElse(e.getMessage());
        if (DatabaseFailures.isUnreachable(e)) {
            return DatabaseFailures.unreachable(where, e);
        }
        if (isStaleRevision(e)) {
            return new PaasmakerException(ErrorCode.CONFLICT, "could not " + what + ": the record changed since it"
                    + " was read; read it again and repeat the change", e);
        }
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

    private static boolean isStaleRevision(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(PersistenceException e) {
        return DatabaseFailures.sqlCause(e).map(SQLException::getSQLState).map(String::valueOf).orElse("");
    }
}
