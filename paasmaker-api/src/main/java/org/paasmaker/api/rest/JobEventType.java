package org.paasmaker.api.rest;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events of {@code GET /jobs/{id}/events} (Server-Sent Events): each event's name says which record
 * its data holds. A stream ends with one {@link #END}.
 */
public enum JobEventType {
    /** A job of the tree changed state: {@link JobStateChange}. */
    STATE("state"),
    /** New whole lines of a job's log: {@link JobLogLines}. */
    LOG("log"),
    /** The tree has finished and everything was told: the finished tree, a {@link JobJson}. */
    END("end");

    private final String wireName;

    JobEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type an SSE event name stands for; empty for names this version does not know (skip those). */
    public static Optional<JobEventType> fromWire(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
