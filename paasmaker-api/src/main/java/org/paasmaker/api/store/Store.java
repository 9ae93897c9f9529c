package org.paasmaker.api.store;

import java.util.Optional;

/**
 * Where the platform keeps its records. The engine ships an in-memory store; the server keeps them
 * in a database. Both pass the same conformance tests, so the engine cannot tell them apart.
 */
public interface Store {

    WorkspaceRepository workspaces();

    ApplicationRepository applications();

    VersionRepository versions();

    ServiceRepository services();

    InstanceRepository instances();

    /** The job trees, with the controller that runs each and where its logs are. */
    JobRepository jobs();

    /**
     * The leases that controllers sharing this store take in turn. Empty for a store only one engine
     * can open (the engine's own file or memory), whose engine always leads.
     */
    default Optional<LeaseRepository> leases() {
        return Optional.empty();
    }

    /**
     * The crons' ledger, for controllers sharing this store. Empty for a store only one engine can
     * open: that engine keeps the ledger in files of its own.
     */
    default Optional<CronLedgerRepository> cronLedger() {
        return Optional.empty();
    }
}
