package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.store.Revisions;
import org.paasmaker.api.version.VersionId;

/**
 * An {@link Instance} as a table row. The engine makes instance ids (UUIDs), so they cannot order
 * instances; the generated {@code SEQ} key does, which lists a version's instances oldest first.
 */
@Entity
@Table(name = "PM_INSTANCE", indexes = {
        @Index(name = "PM_INST_ID", columnList = "INSTANCE_ID", unique = true),
        @Index(name = "PM_INST_VERSION", columnList = "VERSION_ID")})
class InstanceRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "SEQ")
    long seq;

    /** Counted up by each update; an update over a revision that is no longer the row's fails (V2__revisions). */
    @Version
    @Column(name = "REVISION", nullable = false)
    long revision;

    @Column(name = "INSTANCE_ID", nullable = false, length = 36)
    String instanceId;

    @Column(name = "VERSION_ID", nullable = false)
    long versionId;

    @Column(name = "INSTANCE_TYPE", nullable = false)
    String instanceType;

    @Column(name = "NODE", nullable = false)
    String node;

    @Column(name = "STATE", nullable = false, length = 20)
    String state;

    @Column(name = "PORT")
    Integer port;

    @Lob
    @Column(name = "REASON", nullable = false)
    String reason;

    @Column(name = "CREATED_AT", nullable = false, length = 40)
    String createdAt;

    @Column(name = "STARTED_AT", length = 40)
    String startedAt;

    /** Null in rows written before restarts were counted: none. */
    @Column(name = "RESTARTS")
    Integer restarts;

    protected InstanceRow() {
        // for JPA
    }

    InstanceRow(Instance instance) {
        copy(instance);
    }

    /**
     * Writes the instance over this row when the row is still at the instance's revision; the caller has
     * the row locked, and the update counts the revision up.
     */
    void revise(Instance instance) {
        Revisions.require("instance " + instance.id(), instance.revision(), revision);
        copy(instance);
    }

    private void copy(Instance instance) {
        instanceId = instance.id().value();
        versionId = instance.versionId().value();
        instanceType = instance.instanceType();
        node = instance.node();
        state = instance.state().name();
        port = instance.port().isPresent() ? instance.port().getAsInt() : null;
        reason = instance.reason();
        createdAt = instance.createdAt().toString();
        startedAt = instance.startedAt().map(Instant::toString).orElse(null);
        restarts = instance.restarts();
    }

    /**
     * The columns {@link #toRecord(Object[])} reads: the questions across versions (thousands of rows every
     * health round and route computation) select these rather than entities, which EclipseLink makes,
     * registers and copies at several times the cost of reading the rows.
     */
    static final String COLUMNS = "i.instanceId, i.versionId, i.instanceType, i.node, i.state, i.port, i.reason,"
            + " i.createdAt, i.startedAt, i.restarts, i.revision";

    /** The record of a row selected as {@link #COLUMNS}. */
    static Instance toRecord(Object[] columns) {
        InstanceRow row = new InstanceRow();
        row.instanceId = (String) columns[0];
        row.versionId = ((Number) columns[1]).longValue();
        row.instanceType = (String) columns[2];
        row.node = (String) columns[3];
        row.state = (String) columns[4];
        row.port = columns[5] == null ? null : ((Number) columns[5]).intValue();
        row.reason = (String) columns[6];
        row.createdAt = (String) columns[7];
        row.startedAt = (String) columns[8];
        row.restarts = columns[9] == null ? null : ((Number) columns[9]).intValue();
        row.revision = ((Number) columns[10]).longValue();
        return row.toRecord();
    }

    Instance toRecord() {
        return new Instance(new InstanceId(instanceId), new VersionId(versionId), instanceType, node,
                InstanceState.valueOf(state), port == null ? OptionalInt.empty() : OptionalInt.of(port), reason,
                StoredInstants.parse(createdAt), Optional.ofNullable(startedAt).map(StoredInstants::parse),
                restarts == null ? 0 : restarts, revision);
    }
}
