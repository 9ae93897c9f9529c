package org.paasmaker.api.manifest;

import java.util.List;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.InvalidManifestException;

/**
 * Bounds the work of walking one manifest. SnakeYAML caps the number of aliases, but each use of an
 * alias is walked again, so a small document can still expand enormously; a real manifest holds a few
 * hundred values at most.
 */
final class NodeBudget {

    private static final int MAX_VALUES = 100_000;

    private final String source;
    private int spent;

    NodeBudget(String source) {
        this.source = source;
    }

    /** Counts values about to be walked; refuses the whole manifest once there are too many. */
    void spend(int values) {
        spent += values;
        if (spent > MAX_VALUES) {
            throw new InvalidManifestException(source, List.of(new FieldError("",
                    "the manifest holds more than " + MAX_VALUES + " values, counting each use of an alias;"
                            + " write a smaller manifest, with fewer aliases", 0)));
        }
    }
}
