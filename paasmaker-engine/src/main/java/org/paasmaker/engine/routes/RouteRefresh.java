package org.paasmaker.engine.routes;

import java.time.Duration;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.EnvironmentNumbers;

/**
 * How often each controller recomputes its routes from the store ({@code PAASMAKER_ROUTES_REFRESH_MS},
 * 1000 by default): the longest a change made through another controller sharing the store takes to
 * reach this one's routers, beyond their poll.
 */
public record RouteRefresh(Duration every) {

    public static final String VARIABLE = "PAASMAKER_ROUTES_REFRESH_MS";
    public static final RouteRefresh DEFAULT = new RouteRefresh(Duration.ofSeconds(1));

    public RouteRefresh {
        if (every.toMillis() < 10) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, VARIABLE + " is at least 10 (milliseconds), not "
                    + every.toMillis());
        }
    }

    public static RouteRefresh from(Map<String, String> environment) {
        return new RouteRefresh(Duration.ofMillis(EnvironmentNumbers.number(environment, VARIABLE,
                (int) DEFAULT.every().toMillis(), "how many milliseconds between two computations of the routes from"
                        + " the store, such as 1000")));
    }
}
