package org.paasmaker.engine.store;

import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.store.Revisions;
import org.paasmaker.api.version.ApplicationVersion;

/**
 * The revisions of the records kept in memory, one copy for the in-memory store and the file store's state:
 * a record is stored first at revision 1, and each update over the stored revision counts it up.
 */
final class StoredRevisions {

    static final long FIRST = 1;

    private StoredRevisions() {
    }

    /** The instance written as its update over the stored one; a CONFLICT when that changed meanwhile. */
    static Instance next(Instance stored, Instance written) {
        Revisions.require("instance " + written.id(), written.revision(), stored.revision());
        return written.withRevision(stored.revision() + 1);
    }

    /** The version written as its update over the stored one; a CONFLICT when that changed meanwhile. */
    static ApplicationVersion next(ApplicationVersion stored, ApplicationVersion written) {
        Revisions.require("version " + written.id(), written.revision(), stored.revision());
        return written.withRevision(stored.revision() + 1);
    }
}
