package org.paasmaker.api.instance;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** An instance's state, as the original Paasmaker named them. */
public enum InstanceState {
    /** Placed on a node; nothing is there yet. */
    ALLOCATED,
    /** The node has unpacked a fresh copy of the code and chosen its port. */
    REGISTERED,
    /** Startup commands or the runtime are starting it. */
    STARTING,
    /** Listening on its port (or, when standalone, still up after the grace period). */
    RUNNING,
    /** Stopped by the platform, or exited with status 0. */
    STOPPED,
    /** Failed to start, exited with an error, or stopped answering. */
    ERROR,
    /** Its node is unreachable. */
    DOWN,
    /** Its files are deleted. */
    DEREGISTERED;

    public static InstanceState fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + text
                        + "' is not an instance state; use one of " + Arrays.stream(values()).map(Enum::name)
                        .collect(Collectors.joining(", "))));
    }

    /** Whether the router may send it requests. */
    public boolean routable() {
        return this == RUNNING;
    }
}
