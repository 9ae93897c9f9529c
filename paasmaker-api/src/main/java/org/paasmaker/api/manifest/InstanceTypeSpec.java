package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the manifest's {@code instances}: an instance type.
 *
 * @param hostnames lowercased DNS names, some starting with {@code *.}
 */
public record InstanceTypeSpec(
        String name, int quantity, RuntimeSpec runtime, List<PluginSpec> startup, PluginSpec placement,
        List<String> hostnames, List<CronSpec> crons, boolean standalone, boolean exclusive) {

    public InstanceTypeSpec {
        Objects.requireNonNull(name, "name");
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be >= 0: " + quantity);
        }
        Objects.requireNonNull(runtime, "runtime");
        startup = List.copyOf(startup);
        Objects.requireNonNull(placement, "placement");
        hostnames = List.copyOf(hostnames);
        crons = List.copyOf(crons);
    }
}
