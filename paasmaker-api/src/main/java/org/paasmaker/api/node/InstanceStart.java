package org.paasmaker.api.node;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.paasmaker.api.manifest.PluginSpec;
import org.paasmaker.api.manifest.RuntimeSpec;

/**
 * What a node needs to start a registered instance: its runtime, its startup commands, its port (none
 * for a standalone instance) and its environment, {@code PM_*} included.
 */
public record InstanceStart(
        String name, RuntimeSpec runtime, List<PluginSpec> startup, OptionalInt port, Map<String, String> environment) {

    public InstanceStart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runtime, "runtime");
        startup = List.copyOf(startup);
        Objects.requireNonNull(port, "port");
        environment = Map.copyOf(environment);
    }
}
