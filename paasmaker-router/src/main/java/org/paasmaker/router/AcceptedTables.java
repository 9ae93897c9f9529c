package org.paasmaker.router;

import org.paasmaker.api.routing.RoutingTable;

/**
 * Where a router process takes new tables from, whether pushed over its control channel or pulled
 * from the controller by its {@link Follower}: served first, then persisted, one at a time, so that
 * the file always holds the newest table accepted.
 */
final class AcceptedTables {

    private final Router router;
    private final TableFile file;

    AcceptedTables(Router router, TableFile file) {
        this.router = router;
        this.file = file;
    }

    /** @throws org.paasmaker.api.error.PaasmakerException (conflict) for a generation older than the one served */
    synchronized void accept(RoutingTable table) {
        router.update(table);
        file.save(table);
    }

    Router router() {
        return router;
    }
}
