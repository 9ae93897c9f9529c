package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last slot handled of one cron (V3__controllers), an instant as ISO-8601 text as the other tables keep them. */
@Entity
@Table(name = "PM_CRON_LEDGER")
class CronLedgerRow {

    @Id
    @Column(name = "CRON_KEY", length = 500)
    String key;

    @Column(name = "LAST_HANDLED", nullable = false, length = 40)
    String lastHandled;

    protected CronLedgerRow() {
    }

    CronLedgerRow(String key, String lastHandled) {
        this.key = key;
        this.lastHandled = lastHandled;
    }

    /**
     * The slot is handled. In its own method, as {@link LeaseRow}'s changes are: a change the woven
     * entity does not make itself never reaches the database.
     */
    void handled(String slot) {
        this.lastHandled = slot;
    }
}
