package org.paasmaker.engine.job;

import java.time.Clock;
import java.util.Optional;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.ServiceRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.store.WorkspaceRepository;
import org.paasmaker.engine.lease.LocalLeases;
import org.paasmaker.engine.store.InMemoryStore;

/** The contract on the in-memory store with leases of this machine's clock. */
class LocalAbandonedJobsTest extends AbandonedJobsContract {

    @Override
    protected Store newStore() {
        InMemoryStore records = new InMemoryStore();
        LeaseRepository leases = new LocalLeases(Clock.systemUTC());
        return new Store() {
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
        };
    }
}
