package org.paasmaker.engine.instance;

import java.util.Set;
import org.paasmaker.api.instance.InstanceId;

/**
 * What the instance manager tells the router's side of the engine: that the instances or the current
 * versions changed, and which instances are about to stop, so their traffic drains first.
 */
public interface Routing {

    /** No router: nothing to tell. */
    Routing NONE = new Routing() {
        @Override
        public void changed() {
        }

        @Override
        public void drain(Set<InstanceId> leaving) {
        }
    };

    /** Periodic upkeep: a router process that died is started again, and given the current table. */
    default void maintain() {
    }

    /** The routes may differ now: an instance started, failed or stopped, or the current version moved. */
    void changed();

    /**
     * Takes the instances out of every route and returns once their requests in flight have ended (or
     * a time limit passed), so stopping them afterwards cuts no request that began before.
     */
    void drain(Set<InstanceId> leaving);
}
