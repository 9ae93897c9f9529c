package org.paasmaker.api.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.disk.ApplicationDisk;
import org.paasmaker.api.disk.DiskKind;
import org.paasmaker.api.disk.DiskUsage;

/**
 * {@code GET /disk}: what the platform holds under its home, by kind ({@code packages}, {@code instances},
 * {@code logs}, {@code services}, {@code jobs}, {@code uploads}, {@code work}, {@code other}) and by
 * application, and the free space of its disk.
 *
 * @param low whether free space is under {@code lowBytes}: health warns, and prepares that would not fit
 *     are refused
 * @param measuredAt when the home was walked; a measure is reused for a few seconds
 */
public record DiskJson(String home, long totalBytes, Map<String, Long> bytes, long freeBytes, long diskBytes,
        long lowBytes, boolean low, List<ApplicationDiskJson> applications, Instant measuredAt) {

    /** What one application holds ({@code GET /applications/{id}/disk}): its packages, instances' code and logs. */
    public record ApplicationDiskJson(long id, String name, String workspace, int versions, long totalBytes,
            Map<String, Long> bytes) {

        public static ApplicationDiskJson of(ApplicationDisk disk) {
            return new ApplicationDiskJson(disk.id().value(), disk.name(), disk.workspace(), disk.versions(),
                    disk.total(), byWireName(disk.bytes()));
        }
    }

    public static DiskJson of(DiskUsage usage) {
        return new DiskJson(usage.home().toString(), usage.total(), byWireName(usage.bytes()), usage.freeBytes(),
                usage.diskBytes(), usage.lowBytes(), usage.low(),
                usage.applications().stream().map(ApplicationDiskJson::of).toList(), usage.measuredAt());
    }

    private static Map<String, Long> byWireName(Map<DiskKind, Long> bytes) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (DiskKind kind : DiskKind.values()) {
            if (bytes.containsKey(kind)) {
                named.put(kind.wireName(), bytes.get(kind));
            }
        }
        return named;
    }
}
