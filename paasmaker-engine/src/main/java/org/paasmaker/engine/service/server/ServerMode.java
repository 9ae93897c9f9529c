package org.paasmaker.engine.service.server;

import java.util.Locale;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** Where a database plugin's server comes from: the setting {@code mode}. */
public enum ServerMode {
    /** The platform initialises and runs one server of its own. */
    MANAGED,
    /** An operator's server, reached with admin credentials. */
    EXTERNAL;

    /** {@code managed} or {@code external}; anything else is refused naming the plugin's variable. */
    public static ServerMode fromWire(String text, ServerKind kind) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "managed" -> MANAGED;
            case "external" -> EXTERNAL;
            default -> throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the setting 'mode' ("
                    + kind.variable("mode") + ") of " + kind.plugin() + " is '" + text + "'; it is managed or external");
        };
    }
}
