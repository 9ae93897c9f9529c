package org.paasmaker.api.access;

/** An API key's id, as the store assigned it; it is no secret (lists show it, revocation names it). */
public record ApiKeyId(long value) {

    public ApiKeyId {
        if (value <= 0) {
            throw new IllegalArgumentException("an API key id is positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
