package org.paasmaker.api.workspace;

/** A workspace's id, as the store assigned it. */
public record WorkspaceId(long value) {

    public WorkspaceId {
        if (value <= 0) {
            throw new IllegalArgumentException("a workspace id is positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
