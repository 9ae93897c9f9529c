package org.paasmaker.api.disk;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the platform holds under its home, by kind and by application, and how much room its disk has
 * left.
 *
 * @param bytes everything under the home, by kind; the applications' shares are part of it
 * @param freeBytes what the home's file system has left for the platform
 * @param diskBytes the size of that file system
 * @param lowBytes under this much free space the platform warns, and prepares are refused when they would
 *     leave less
 * @param measuredAt when the home was walked (a measure is reused for a few seconds)
 */
public record DiskUsage(Path home, Map<DiskKind, Long> bytes, List<ApplicationDisk> applications, long freeBytes,
        long diskBytes, long lowBytes, Instant measuredAt) {

    public DiskUsage {
        Objects.requireNonNull(home, "home");
        bytes = Map.copyOf(bytes);
        applications = List.copyOf(applications);
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    /** Everything the platform holds under its home. */
    public long total() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether free space has fallen under the threshold. */
    public boolean low() {
        return freeBytes < lowBytes;
    }
}
