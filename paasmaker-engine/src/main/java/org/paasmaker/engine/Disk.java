package org.paasmaker.engine;

import java.util.Optional;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.disk.ApplicationDisk;
import org.paasmaker.api.disk.DiskUsage;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.disk.DiskAccounting;

/** The engine's disk verbs: what the platform holds, and whether its disk runs low. */
public final class Disk {

    private final Store store;
    private final DiskAccounting accounting;

    Disk(Store store, DiskAccounting accounting) {
        this.store = store;
        this.accounting = accounting;
    }

    /**
     * What the platform holds under its home, by kind and by application, with the free space of its disk;
     * a measure up to a few seconds old is reused ({@link DiskAccounting#FRESH_FOR}).
     */
    public DiskUsage usage() {
        return accounting.usage();
    }

    /** Walks the home now, for a caller that has just changed what it holds. */
    public DiskUsage measure() {
        return accounting.measure();
    }

    /** What one application holds. */
    public ApplicationDisk application(ApplicationId id) {
        store.applications().get(id);
        return usage().applications().stream().filter(share -> share.id().equals(id)).findFirst()
                // Made since the last measure.
                .or(() -> measure().applications().stream().filter(share -> share.id().equals(id)).findFirst())
                .orElseThrow(() -> new NotFoundException("application", id.toString()));
    }

    /** A warning when free space has fallen under the limit the platform keeps. */
    public Optional<String> lowSpaceWarning() {
        return accounting.lowSpaceWarning();
    }
}
