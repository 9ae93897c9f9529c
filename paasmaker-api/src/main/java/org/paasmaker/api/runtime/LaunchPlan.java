package org.paasmaker.api.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an instance: the command (run without a shell), its environment, and how long it has
 * to show it is up: by listening on its port, or, when standalone, by staying alive that long.
 */
public record LaunchPlan(List<String> command, Map<String, String> environment, Duration readyWithin) {

    public LaunchPlan {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a launch plan needs a command");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(readyWithin, "readyWithin");
    }
}
