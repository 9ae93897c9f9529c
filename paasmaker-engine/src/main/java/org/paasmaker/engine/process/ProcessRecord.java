package org.paasmaker.engine.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the engine remembers on disk about a detached process it started, so that the next engine
 * can adopt it. {@code key} is the engine's name for it (an instance id, say), also the record's
 * file name; {@code port} is 0 when the process listens on none.
 */
public record ProcessRecord(String key, ProcessIdentity identity, int port, Path directory, Path logFile, Instant startedAt) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ProcessRecord {
        checkKey(key);
        Objects.requireNonNull(identity, "identity");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0 (none) to 65535: " + port);
        }
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A key is also a file name, so it can name no other directory. */
    static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a process record's key is 1 to 128 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit: '" + key + "'");
        }
        return key;
    }
}
