package org.paasmaker.war.store;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import org.paasmaker.api.store.CronLedgerRepository;

/** The crons' ledger in {@code PM_CRON_LEDGER}, advanced under the row's lock (or by the first insert). */
final class JpaCronLedger implements CronLedgerRepository {

    private final Transactions transactions;

    JpaCronLedger(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Instant> lastHandled(String key) {
        return transactions.inTransaction("read the ledger of cron " + key, manager ->
                Optional.ofNullable(manager.find(CronLedgerRow.class, key)).map(row -> Instant.parse(row.lastHandled)));
    }

    @Override
    public boolean advance(String key, Optional<Instant> expected, Instant slot) {
        try {
            return transactions.inTransaction("record slot " + slot + " of cron " + key, manager -> {
                CronLedgerRow row = manager.find(CronLedgerRow.class, key, LockModeType.PESSIMISTIC_WRITE);
                Optional<Instant> last = Optional.ofNullable(row).map(found -> Instant.parse(found.lastHandled));
                if (!last.equals(expected)) {
                    return false;
                }
                if (row == null) {
                    manager.persist(new CronLedgerRow(key, slot.toString()));
                    manager.flush();
                } else {
                    row.handled(slot.toString());
                }
                return true;
            });
        } catch (DuplicateKeyException e) {
            // Another controller recorded this cron's first slot at the same moment: it runs it.
            return false;
        }
    }
}
