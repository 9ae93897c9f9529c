package org.paasmaker.router;

import org.paasmaker.api.routing.RouteTarget;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutingBackendTest {

    private final Backend backend = new Backend(new RouteTarget("127.0.0.1", 4000, "app", 1, "i-1"), new TrafficRecorder());

    @Test
    void aDrainingBackendTakesNoNewRequestAndIsIdleAfterItsLast() {
        assertThat(backend.tryAcquire()).isTrue();
        assertThat(backend.tryAcquire()).isTrue();

        backend.startDraining();

        assertThat(backend.tryAcquire()).isFalse();
        assertThat(backend.inFlight()).isEqualTo(2);
        backend.release();
        assertThat(backend.idle()).isNotDone();
        backend.release();
        assertThat(backend.idle()).isDone();
        assertThat(backend.inFlight()).isZero();
    }

    @Test
    void aBackendWithNothingInFlightIsIdleAsSoonAsItDrains() {
        backend.startDraining();

        assertThat(backend.idle()).isDone();
        assertThat(backend.tryAcquire()).isFalse();
    }
}
