package org.paasmaker.war.store;

import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.store.CronLedgerRepository;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.ServiceRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.store.WorkspaceRepository;

/**
 * The server's store: the platform's records in a database through JPA, in the persistence unit
 * {@value #PERSISTENCE_UNIT} (see {@code META-INF/persistence.xml}). Each call is one short
 * resource-local transaction, so the store works from any thread, inside a container or not. The
 * factory stays the caller's to close (in the server, the container's). Records written by one store are read by the next one on
 * the same database: {@link SchemaMigrations} makes and upgrades the tables before a store is opened.
 *
 * <p>In the server, inject the unit's factory ({@code @PersistenceUnit(unitName = JpaStore.PERSISTENCE_UNIT)
 * EntityManagerFactory factory}) and pass it in; the unit takes its connections from the non-transactional
 * data source {@code jdbc/paasmaker}. In Java SE, {@code Persistence.createEntityManagerFactory(PERSISTENCE_UNIT,
 * Map.of("jakarta.persistence.nonJtaDataSource", dataSource))} replaces that data source with your own.
 */
public final class JpaStore implements Store {

    /** The persistence unit that maps the store's tables. */
    public static final String PERSISTENCE_UNIT = "paasmaker";

    private final WorkspaceRepository workspaces;
    private final ApplicationRepository applications;
    private final VersionRepository versions;
    private final ServiceRepository services;
    private final InstanceRepository instances;
    private final Optional<LeaseRepository> leases;
    private final CronLedgerRepository cronLedger;
    private final JobRepository jobs;

    /** A store that other controllers may open too, on the same database: they take its lease in turn. */
    public JpaStore(EntityManagerFactory factory) {
        this(factory, true);
    }

    /**
     * A store on a database that no other process can open while this one has it, as an embedded
     * Derby: its engine always leads, so it keeps no lease (no write every second and a half, no
     * watch for other controllers' abandoned jobs).
     */
    public static JpaStore alone(EntityManagerFactory factory) {
        return new JpaStore(factory, false);
    }

    private JpaStore(EntityManagerFactory factory, boolean shared) {
        Transactions transactions = new Transactions(factory);
        workspaces = new JpaWorkspaces(transactions);
        applications = new JpaApplications(transactions);
        versions = new JpaVersions(transactions);
        services = new JpaServices(transactions);
        instances = new JpaInstances(transactions);
        leases = shared ? Optional.of(new JpaLeases(transactions)) : Optional.empty();
        cronLedger = new JpaCronLedger(transactions);
        jobs = new JpaJobs(transactions);
    }

    @Override
    public WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    public ApplicationRepository applications() {
        return applications;
    }

    @Override
    public VersionRepository versions() {
        return versions;
    }

    @Override
    public ServiceRepository services() {
        return services;
    }

    @Override
    public InstanceRepository instances() {
        return instances;
    }

    @Override
    public JobRepository jobs() {
        return jobs;
    }

    /** The lease that controllers sharing the database take in turn; none for a store {@link #alone}. */
    @Override
    public Optional<LeaseRepository> leases() {
        return leases;
    }

    /**
     * The crons' ledger, in the database however the store is opened: an embedded Derby's controller
     * keeps the ledger its earlier releases wrote there (they took every database for shared), rather
     * than starting a second one in files.
     */
    @Override
    public Optional<CronLedgerRepository> cronLedger() {
        return Optional.of(cronLedger);
    }
}
