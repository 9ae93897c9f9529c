package org.paasmaker.api.job;

/** A job's state. A finished job never changes state again. */
public enum JobState {
    WAITING,
    RUNNING,
    SUCCESS,
    FAILED,
    ABORTED;

    public boolean finished() {
        return this == SUCCESS || this == FAILED || this == ABORTED;
    }
}
