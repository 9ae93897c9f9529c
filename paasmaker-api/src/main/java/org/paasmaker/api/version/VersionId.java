package org.paasmaker.api.version;

/** An application version's id, as the store assigned it (unique across applications). */
public record VersionId(long value) {

    public VersionId {
        if (value <= 0) {
            throw new IllegalArgumentException("a version id is positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
