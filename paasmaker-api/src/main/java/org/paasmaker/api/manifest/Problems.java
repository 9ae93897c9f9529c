package org.paasmaker.api.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.InvalidManifestException;
import org.yaml.snakeyaml.nodes.Node;

/** The errors found in one manifest so far. Every reader adds to it and carries on, so the user sees them all. */
final class Problems {

    private final String source;
    private final Set<FieldError> errors = new LinkedHashSet<>();

    Problems(String source) {
        this.source = source;
    }

    void add(String path, String message, Node at) {
        add(path, message, lineOf(at));
    }

    void add(String path, String message, int line) {
        errors.add(new FieldError(path, message, line));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Every error, by line and then by path, as the exception the reader throws. */
    InvalidManifestException failure() {
        List<FieldError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(FieldError::line).thenComparing(FieldError::path));
        return new InvalidManifestException(source, sorted);
    }

    /** The 1-based line a node starts on. */
    static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
