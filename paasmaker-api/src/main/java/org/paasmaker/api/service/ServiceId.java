package org.paasmaker.api.service;

/** An application service's id, as the store assigned it. */
public record ServiceId(long value) {

    public ServiceId {
        if (value <= 0) {
            throw new IllegalArgumentException("a service id is positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
