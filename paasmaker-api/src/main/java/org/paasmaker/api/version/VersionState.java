package org.paasmaker.api.version;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** A version's state, as the original Paasmaker named them. */
public enum VersionState {
    /** Created from a manifest; its code is not prepared yet (or preparing failed). */
    NEW,
    /** Prepared and packed; ready to be registered on nodes. */
    PREPARED,
    /** Registered on nodes; instances can start. */
    READY,
    /** Instances are running. */
    RUNNING;

    public static VersionState fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + text
                        + "' is not a version state; use one of " + Arrays.stream(values()).map(Enum::name)
                        .collect(Collectors.joining(", "))));
    }
}
