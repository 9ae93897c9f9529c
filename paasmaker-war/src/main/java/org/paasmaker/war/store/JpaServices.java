package org.paasmaker.war.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceId;
import org.paasmaker.api.store.ServiceRepository;

/** Application services in {@code PM_SERVICE}; the name is unique per application. */
final class JpaServices implements ServiceRepository {

    private final Transactions transactions;

    JpaServices(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public ApplicationService create(
            ApplicationId application, String name, String plugin, PluginParameters parameters,
            PluginParameters credentials) {
        try {
            return transactions.inTransaction("create the service '" + name + "' of application " + application,
                    manager -> {
                        if (manager.find(ApplicationRow.class, application.value()) == null) {
                            throw new NotFoundException("application", application);
                        }
                        if (byName(manager, application, name).isPresent()) {
                            throw taken(application, name, null);
                        }
                        ServiceRow row = new ServiceRow(application, name, plugin, parameters, credentials);
                        manager.persist(row);
                        manager.flush();
                        return row.toRecord();
                    });
        } catch (DuplicateKeyException e) {
            throw taken(application, name, e);
        }
    }

    @Override
    public Optional<ApplicationService> find(ServiceId id) {
        return transactions.inTransaction("read service " + id, manager ->
                Optional.ofNullable(manager.find(ServiceRow.class, id.value())).map(ServiceRow::toRecord));
    }

    @Override
    public Optional<ApplicationService> findByName(ApplicationId application, String name) {
        return transactions.inTransaction("read the service '" + name + "' of application " + application,
                manager -> byName(manager, application, name).map(ServiceRow::toRecord));
    }

    @Override
    public List<ApplicationService> list(ApplicationId application) {
        return transactions.inTransaction("list the services of application " + application, manager -> manager
                .createQuery("SELECT s FROM ServiceRow s WHERE s.applicationId = :application ORDER BY s.name",
                        ServiceRow.class)
                .setParameter("application", application.value())
                .getResultStream().map(ServiceRow::toRecord).toList());
    }

    @Override
    public ApplicationService update(ApplicationService service) {
        try {
            return transactions.inTransaction("update service " + service.id(), manager -> {
                Rows.locked(manager, ServiceRow.class, service.id().value(), "service").copy(service);
                return service;
            });
        } catch (DuplicateKeyException e) {
            throw taken(service.applicationId(), service.name(), e);
        }
    }

    @Override
    public void delete(ServiceId id) {
        transactions.inTransaction("delete service " + id, manager -> {
            Rows.delete(manager, "DELETE FROM ServiceRow s WHERE s.id = :key", id.value(), "service");
            return null;
        });
    }

    private static Optional<ServiceRow> byName(EntityManager manager, ApplicationId application, String name) {
        return Rows.first(manager.createQuery(
                        "SELECT s FROM ServiceRow s WHERE s.applicationId = :application AND s.name = :name",
                        ServiceRow.class)
                .setParameter("application", application.value())
                .setParameter("name", name));
    }

    private static PaasmakerException taken(ApplicationId application, String name, Throwable cause) {
        return new PaasmakerException(ErrorCode.CONFLICT,
                "application " + application + " already has a service named '" + name + "'", cause);
    }
}
