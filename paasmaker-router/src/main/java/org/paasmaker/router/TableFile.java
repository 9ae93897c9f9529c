package org.paasmaker.router;

import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.RouterHome;
import org.paasmaker.api.routing.RoutingTable;

/**
 * The last table a router accepted, kept in its home so that a restarted router serves it at once.
 * It holds the private keys of the certificates the router serves, so it is readable by its owner
 * alone (0600, as {@link RouterHome#replace} writes every file).
 */
final class TableFile {

    private final RouterHome home;

    TableFile(RouterHome home) {
        this.home = home;
    }

    /** The table persisted last; empty when none was ever accepted. */
    Optional<RoutingTable> table() {
        return home.read(RouterHome.TABLE).map(bytes -> {
            try {
                return RoutingJson.read(bytes, RoutingTable.class);
            } catch (IllegalArgumentException e) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "the router's saved table " + home.file(RouterHome.TABLE)
                        + " cannot be read: " + e.getMessage() + "; delete it, and push a table again", e);
            }
        });
    }

    /** Persists the table, forced to disk before it replaces the last one. */
    void save(RoutingTable table) {
        home.replace(RouterHome.TABLE, RoutingJson.write(table), true);
    }
}
