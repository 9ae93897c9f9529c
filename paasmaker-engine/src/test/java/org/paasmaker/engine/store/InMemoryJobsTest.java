package org.paasmaker.engine.store;

import org.paasmaker.api.store.JobRepository;

class InMemoryJobsTest extends JobRepositoryContract {

    @Override
    protected JobRepository newJobs() {
        return new InMemoryStore().jobs();
    }
}
