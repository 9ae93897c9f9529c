package org.paasmaker.api.application;

/** An application's id, as the store assigned it. */
public record ApplicationId(long value) {

    public ApplicationId {
        if (value <= 0) {
            throw new IllegalArgumentException("an application id is positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
