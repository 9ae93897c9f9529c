package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paasmaker.engine.pack.SymlinkTargets.Destination;

class SymlinkTargetsTest {

    @Test
    void linksThatStayBelowTheTargetAreInside() {
        SymlinkTargets links = new SymlinkTargets(Map.of("a/b/up", "../../c", "here", ".", "deep", "x/y/../z"));

        assertThat(links.destination("a/b/up")).isEqualTo(Destination.INSIDE);
        assertThat(links.destination("here")).isEqualTo(Destination.INSIDE);
        assertThat(links.destination("deep")).isEqualTo(Destination.INSIDE);
    }

    @Test
    void absoluteAndClimbingLinksAreOutside() {
        SymlinkTargets links = new SymlinkTargets(Map.of("etc", "/etc", "a/out", "../../x"));

        assertThat(links.destination("etc")).isEqualTo(Destination.OUTSIDE);
        assertThat(links.destination("a/out")).isEqualTo(Destination.OUTSIDE);
    }

    @Test
    void linksAreFollowedThroughOtherLinksAsTheKernelWould() {
        SymlinkTargets links = new SymlinkTargets(Map.of(
                "up", ".", "escape", "up/../secret",
                "lib", "deep/deeper", "fine", "lib/../x",
                "abs", "/usr", "via-abs", "abs/lib"));

        assertThat(links.destination("escape")).isEqualTo(Destination.OUTSIDE);
        // lib is deep/deeper, so lib/.. is deep: still inside although it reads like the root.
        assertThat(links.destination("fine")).isEqualTo(Destination.INSIDE);
        assertThat(links.destination("via-abs")).isEqualTo(Destination.OUTSIDE);
    }

    @Test
    void loopsAreToldApart() {
        SymlinkTargets links = new SymlinkTargets(Map.of("a", "b", "b", "a", "self", "self/x"));

        assertThat(links.destination("a")).isEqualTo(Destination.LOOP);
        assertThat(links.destination("self")).isEqualTo(Destination.LOOP);
    }
}
