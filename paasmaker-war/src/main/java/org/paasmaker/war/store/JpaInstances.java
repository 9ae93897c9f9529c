package org.paasmaker.war.store;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.version.VersionId;

/** Instances in {@code PM_INSTANCE}, found by the engine's instance id. */
final class JpaInstances implements InstanceRepository {

    private static final String BY_ID = "SELECT i FROM InstanceRow i WHERE i.instanceId = :id";

    private final Transactions transactions;

    JpaInstances(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Instance create(Instance instance) {
        try {
            return transactions.inTransaction("create instance " + instance.id(), manager -> {
                if (manager.find(VersionRow.class, instance.versionId().value()) == null) {
                    throw new NotFoundException("version", instance.versionId());
                }
                if (Rows.first(manager.createQuery(BY_ID, InstanceRow.class).setParameter("id", instance.id().value()))
                        .isPresent()) {
                    throw exists(instance.id(), null);
                }
                InstanceRow row = new InstanceRow(instance);
                manager.persist(row);
                manager.flush();
                return row.toRecord();
            });
        } catch (DuplicateKeyException e) {
            throw exists(instance.id(), e);
        }
    }

    @Override
    public Optional<Instance> find(InstanceId id) {
        return transactions.inTransaction("read instance " + id, manager -> Rows.first(
                manager.createQuery(BY_ID, InstanceRow.class).setParameter("id", id.value())).map(InstanceRow::toRecord));
    }

    @Override
    public List<Instance> list(VersionId version) {
        return transactions.inTransaction("list the instances of version " + version, manager -> manager
                .createQuery("SELECT i FROM InstanceRow i WHERE i.versionId = :version ORDER BY i.seq",
                        InstanceRow.class)
                .setParameter("version", version.value())
                .getResultStream().map(InstanceRow::toRecord).toList());
    }

    @Override
    public List<Instance> inStates(Set<InstanceState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction("list the instances in " + states, manager -> manager
                .createQuery("SELECT " + InstanceRow.COLUMNS + " FROM InstanceRow i WHERE i.state IN :states"
                        + " ORDER BY i.seq", Object[].class)
                .setParameter("states", states.stream().map(Enum::name).toList())
                .getResultStream().map(InstanceRow::toRecord).toList());
    }

    @Override
    public List<Instance> onNode(String node) {
        return transactions.inTransaction("list the instances on node " + node, manager -> manager
                .createQuery("SELECT " + InstanceRow.COLUMNS + " FROM InstanceRow i WHERE i.node = :node"
                        + " ORDER BY i.seq", Object[].class)
                .setParameter("node", node)
                .getResultStream().map(InstanceRow::toRecord).toList());
    }

    @Override
    public Instance update(Instance instance) {
        return transactions.inTransaction("update instance " + instance.id(), manager -> {
            // Locked like Rows.locked, found by the engine's id rather than the row's key.
            InstanceRow row = Rows.first(manager.createQuery(BY_ID, InstanceRow.class)
                            .setParameter("id", instance.id().value())
                            .setLockMode(LockModeType.PESSIMISTIC_WRITE))
                    .orElseThrow(() -> new NotFoundException("instance", instance.id()));
            row.revise(instance);
            return Rows.revised(manager, row).toRecord();
        });
    }

    @Override
    public void delete(InstanceId id) {
        transactions.inTransaction("delete instance " + id, manager -> {
            Rows.delete(manager, "DELETE FROM InstanceRow i WHERE i.instanceId = :key", id.value(), "instance");
            return null;
        });
    }

    private static PaasmakerException exists(InstanceId id, Throwable cause) {
        return new PaasmakerException(ErrorCode.CONFLICT, "an instance " + id + " exists already", cause);
    }
}
