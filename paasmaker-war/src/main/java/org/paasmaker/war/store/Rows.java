package org.paasmaker.war.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.Optional;
import org.paasmaker.api.error.NotFoundException;

/** Row look-ups that every repository makes, with the store's not-found error. */
final class Rows {

    private Rows() {
    }

    /**
     * The row of that key, write-locked until the transaction ends. The lock makes an update wait for
     * any other on the same row, so each update replaces the whole record and never mixes with another.
     */
    static <T> T locked(EntityManager manager, Class<T> type, long key, String kind) {
        return Optional.ofNullable(manager.find(type, key, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new NotFoundException(kind, key));
    }

    /**
     * The locked row written: its revision counted up even when the update changed none of its columns, as
     * the in-memory stores count every update, so the record returned carries the revision the next update names.
     */
    static <T> T revised(EntityManager manager, T row) {
        manager.lock(row, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        manager.flush();
        return row;
    }

    static <T> Optional<T> first(TypedQuery<T> query) {
        return query.setMaxResults(1).getResultStream().findFirst();
    }

    /** Runs a {@code DELETE ... WHERE key = :key} and reports a missing row as not found. */
    static void delete(EntityManager manager, String statement, Object key, String kind) {
        if (manager.createQuery(statement).setParameter("key", key).executeUpdate() == 0) {
            throw new NotFoundException(kind, key);
        }
    }
}
