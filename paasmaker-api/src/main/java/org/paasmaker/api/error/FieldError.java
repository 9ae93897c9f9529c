package org.paasmaker.api.error;

import java.util.Objects;

/**
 * One thing wrong with one part of an input: a manifest key, a request field, a command-line
 * argument. {@code path} uses the manifest's own notation ({@code instances[1].crons[0].runspec});
 * {@code line} is the 1-based line in the source document, or 0 where the input has no lines.
 */
public record FieldError(String path, String message, int line) {

    public FieldError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0: " + line);
        }
    }

    public FieldError(String path, String message) {
        this(path, message, 0);
    }

    /** {@code path: message}, the form users see, one per line. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
