package org.paasmaker.engine.agent;

import java.time.Duration;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.KeyedLocks;
import org.paasmaker.engine.packages.PackageStore;

/**
 * Brings packages from the controller into the agent's cache, by checksum. The bytes are checked on
 * the way in: a package whose checksum differs is refused (nothing of it is kept), told in the log,
 * and fetched again, a few times at most.
 */
final class PackageFetcher {

    static final int TRIES = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ControllerHttp controller;
    private final PackageStore cache;
    private final Consumer<String> log;
    private final KeyedLocks locks = new KeyedLocks();

    PackageFetcher(ControllerHttp controller, PackageStore cache, Consumer<String> log) {
        this.controller = controller;
        this.cache = cache;
        this.log = log;
    }

    /** Makes sure the package is in the cache: fetched and checked unless it already is. */
    void ensure(String checksum) {
        try (KeyedLocks.Held held = locks.lock(checksum)) {
            if (cache.contains(checksum)) {
                return;
            }
            PaasmakerException last = null;
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                try {
                    fetch(checksum);
                    return;
                } catch (PaasmakerException e) {
                    if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.UNAUTHORIZED) {
                        throw e;
                    }
                    last = e;
                    log.accept("Package " + checksum + ", try " + attempt + " of " + TRIES + ": " + e.getMessage()
                            + (attempt < TRIES ? "; fetching it again" : ""));
                }
            }
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "could not fetch package " + checksum + " from the"
                    + " controller at " + controller.controller() + " in " + TRIES + " tries; the last: " + last.getMessage(), last);
        }
    }

    private void fetch(String checksum) {
        controller.get("packages/" + checksum, TIMEOUT, body -> cache.storeAs(checksum, body::transferTo));
    }
}
