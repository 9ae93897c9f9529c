package org.paasmaker.engine.agent;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.KeyedLocks;
import org.paasmaker.engine.packages.PackageStore;

/**
 * Brings packages from the controllers into the agent's cache, by checksum. A package lives in the
 * home of the controller that prepared it, so each controller is asked in turn until one has it. The
 * bytes are checked on the way in: a package whose checksum differs is refused (nothing of it is
 * kept), told in the log, and fetched again, a few rounds at most.
 */
final class PackageFetcher {

    static final int TRIES = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final List<ControllerHttp> controllers;
    /** Whether a controller answered lately: those are asked first, as one that hangs would hold the fetch. */
    private final Predicate<URI> answering;
    private final PackageStore cache;
    private final Consumer<String> log;
    private final KeyedLocks locks = new KeyedLocks();

    PackageFetcher(List<ControllerHttp> controllers, Predicate<URI> answering, PackageStore cache,
            Consumer<String> log) {
        this.controllers = List.copyOf(controllers);
        this.answering = answering;
        this.cache = cache;
        this.log = log;
    }

    /** Makes sure the package is in the cache: fetched and checked unless it already is. */
    void ensure(String checksum) {
        try (KeyedLocks.Held held = locks.lock(checksum)) {
            if (cache.contains(checksum)) {
                return;
            }
            boolean several = controllers.size() > 1;
            // A controller that lacks the package, or refuses the token, is not asked again.
            List<ControllerHttp> asked = new ArrayList<>(controllers);
            asked.sort(Comparator.comparing(controller -> !answering.test(controller.controller())));
            PaasmakerException last = null;
            PaasmakerException refused = null;
            for (int attempt = 1; attempt <= TRIES && !asked.isEmpty(); attempt++) {
                for (Iterator<ControllerHttp> each = asked.iterator(); each.hasNext();) {
                    ControllerHttp controller = each.next();
                    try {
                        fetch(controller, checksum);
                        return;
                    } catch (PaasmakerException e) {
                        if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.UNAUTHORIZED) {
                            each.remove();
                            refused = e;
                            if (several) {
                                log.accept("Package " + checksum + " is not to be had from the controller at "
                                        + controller.controller() + " (" + e.getMessage() + ")"
                                        + (asked.isEmpty() ? "" : "; asking the others"));
                            }
                            continue;
                        }
                        last = e;
                        log.accept("Package " + checksum + (several ? " from " + controller.controller() : "")
                                + ", try " + attempt + " of " + TRIES + ": " + e.getMessage()
                                + (attempt < TRIES || each.hasNext() ? "; fetching it again" : ""));
                    }
                }
            }
            if (last == null) {
                if (!several) {
                    throw refused;
                }
                throw new PaasmakerException(refused.code(), "none of the controllers " + urls() + " has package "
                        + checksum + " for this agent; the last said: " + refused.getMessage(), refused);
            }
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "could not fetch package " + checksum + " from the"
                    + " controller" + (several ? "s" : "") + " at " + urls() + " in " + TRIES + " tries; the last: "
                    + last.getMessage(), last);
        }
    }

    private String urls() {
        return String.join(", ", controllers.stream().map(c -> c.controller().toString()).toList());
    }

    private void fetch(ControllerHttp controller, String checksum) {
        controller.get("packages/" + checksum, TIMEOUT, body -> cache.storeAs(checksum, body::transferTo));
    }
}
