package org.paasmaker.engine.store;

import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.ServiceRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.store.WorkspaceRepository;

/**
 * A store's records with leases that the engines of one test share, as controllers share a
 * database's: what the in-memory store cannot give, since each engine would make leases of its own.
 * Open to subclasses that cut a controller off from part of it.
 */
public class StoreWithLeases implements Store {

    private final Store records;
    private final LeaseRepository leases;

    public StoreWithLeases(Store records, LeaseRepository leases) {
        this.records = Objects.requireNonNull(records, "records");
        this.leases = Objects.requireNonNull(leases, "leases");
    }

    @Override
    public WorkspaceRepository workspaces() {
        return records.workspaces();
    }

    @Override
    public ApplicationRepository applications() {
        return records.applications();
    }

    @Override
    public VersionRepository versions() {
        return records.versions();
    }

    @Override
    public ServiceRepository services() {
        return records.services();
    }

    @Override
    public InstanceRepository instances() {
        return records.instances();
    }

    @Override
    public JobRepository jobs() {
        return records.jobs();
    }

    @Override
    public Optional<LeaseRepository> leases() {
        return Optional.of(leases);
    }
}
