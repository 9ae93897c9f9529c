package org.paasmaker.war.store;

import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;

/**
 * Leases in {@code PM_LEASE}, each taken under the row's lock and judged by the database's clock.
 * Two controllers asking for a lease never taken both find no row; the second insert fails on the
 * key, and that controller reads the first one's lease.
 */
final class JpaLeases implements LeaseRepository {

    private final Transactions transactions;

    JpaLeases(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Lease acquire(String name, String holder, Duration ttl) {
        try {
            return transactions.inTransaction("take the lease " + name, manager -> {
                Instant now = DatabaseClock.now(manager);
                LeaseRow row = manager.find(LeaseRow.class, name, LockModeType.PESSIMISTIC_WRITE);
                if (row == null) {
                    row = new LeaseRow(name, holder, now.plus(ttl), 1);
                    manager.persist(row);
                    manager.flush();
                } else if (row.holder.equals(holder) || row.expiresAtMillis <= now.toEpochMilli()) {
                    row.holdUntil(holder, now.plus(ttl));
                }
                return row.toRecord();
            });
        } catch (DuplicateKeyException e) {
            return find(name).orElseThrow(() -> e);
        }
    }

    @Override
    public void release(String name, String holder) {
        transactions.inTransaction("give up the lease " + name, manager -> {
            LeaseRow row = manager.find(LeaseRow.class, name, LockModeType.PESSIMISTIC_WRITE);
            if (row != null && row.holder.equals(holder)) {
                row.expireAt(DatabaseClock.now(manager));
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> find(String name) {
        return transactions.inTransaction("read the lease " + name, manager ->
                Optional.ofNullable(manager.find(LeaseRow.class, name)).map(LeaseRow::toRecord));
    }
}
