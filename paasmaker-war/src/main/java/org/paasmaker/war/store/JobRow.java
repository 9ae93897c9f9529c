package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which tree a job is in (V4__jobs): a row per job of every tree, written as the tree grows. */
@Entity
@Table(name = "PM_JOB")
class JobRow {

    @Id
    @Column(name = "JOB_ID", length = 36)
    String jobId;

    @Column(name = "ROOT_ID", nullable = false, length = 36)
    String rootId;

    protected JobRow() {
        // for JPA
    }

    JobRow(String jobId, String rootId) {
        this.jobId = jobId;
        this.rootId = rootId;
    }
}
