package org.paasmaker.api.disk;

import java.util.Map;
import java.util.Objects;
import org.paasmaker.api.application.ApplicationId;

/**
 * What one application holds on the platform's disk, by kind: its versions' packages (a package two
 * versions share counted once), its instances' code and logs.
 *
 * @param versions how many versions it has, kept ones and all
 */
public record ApplicationDisk(ApplicationId id, String name, String workspace, int versions, Map<DiskKind, Long> bytes) {

    public ApplicationDisk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workspace, "workspace");
        bytes = Map.copyOf(bytes);
    }

    public long total() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }
}
