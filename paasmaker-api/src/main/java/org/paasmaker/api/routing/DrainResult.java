package org.paasmaker.api.routing;

import java.util.List;

/**
 * What a drain achieved: {@code drained} targets finished their last request in time;
 * {@code stillBusy} targets had requests in flight when the limit passed (they get no new ones
 * either way, so stopping them now cuts only those requests). The control channel's JSON carries the
 * two lists only.
 */
public record DrainResult(List<RouteTarget> drained, List<RouteTarget> stillBusy) {

    public DrainResult {
        drained = List.copyOf(drained);
        stillBusy = List.copyOf(stillBusy);
    }

    public boolean isComplete() {
        return stillBusy.isEmpty();
    }
}
