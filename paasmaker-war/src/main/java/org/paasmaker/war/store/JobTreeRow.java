package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.paasmaker.api.store.JobTree;
import org.paasmaker.engine.job.JobRecords;

/** A {@link JobTree} as a table row (V4__jobs): the tree whole, as JSON in the engine's own record format. */
@Entity
@Table(name = "PM_JOB_TREE")
class JobTreeRow {

    @Id
    @Column(name = "ROOT_ID", length = 36)
    String rootId;

    @Version
    @Column(name = "REVISION", nullable = false)
    long revision;

    @Column(name = "CONTROLLER", nullable = false, length = 200)
    String controller;

    @Column(name = "LOGS", nullable = false, length = 1000)
    String logs;

    /** The root's state, for the question of which trees run. */
    @Column(name = "STATE", nullable = false, length = 20)
    String state;

    @Lob
    @Column(name = "TREE", nullable = false)
    String tree;

    protected JobTreeRow() {
        // for JPA
    }

    JobTreeRow(JobTree tree) {
        this.rootId = tree.root().id().value();
        copy(tree);
    }

    void copy(JobTree from) {
        controller = from.controller();
        logs = from.logs();
        state = from.root().state().name();
        tree = JobRecords.encode(from);
    }

    JobTree toRecord() {
        return JobRecords.decode(tree, logs);
    }
}
