package org.paasmaker.engine.lease;

import java.util.Map;
import java.util.UUID;

/**
 * Who a controller is to the others sharing its store: the operator's name for it
 * ({@code PAASMAKER_CONTROLLER_NAME}, else this process's id) and a mark of this start, since a
 * controller started again knows nothing of what it did before and must take the lease anew.
 */
public final class ControllerName {

    public static final String VARIABLE = "PAASMAKER_CONTROLLER_NAME";

    private ControllerName() {
    }

    public static String holder(Map<String, String> environment) {
        String name = environment.getOrDefault(VARIABLE, "").strip();
        if (name.isEmpty()) {
            name = "controller-" + ProcessHandle.current().pid();
        }
        return name + "#" + UUID.randomUUID().toString().substring(0, 8);
    }
}
