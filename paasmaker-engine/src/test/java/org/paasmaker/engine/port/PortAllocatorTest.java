package org.paasmaker.engine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;

class PortAllocatorTest {

    @Test
    void handsOutEachPortOnceAndSkipsPortsOtherProcessesListenOn() throws IOException {
        PortRange range = freeRange();
        int taken = range.first() + 3;
        try (ServerSocket occupant = new ServerSocket()) {
            occupant.bind(new InetSocketAddress(taken));
            PortAllocator ports = new PortAllocator(range);

            Set<Integer> given = new HashSet<>();
            for (int i = 0; i < range.size() - 1; i++) {
                given.add(ports.allocate());
            }

            assertThat(given).hasSize(range.size() - 1).doesNotContain(taken).allMatch(range::contains);
            assertThatThrownBy(ports::allocate)
                    .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                    .hasMessageContaining("every port of " + range);
        }
    }

    @Test
    void aReleasedPortComesBackOnlyAfterTheOthers() {
        PortRange range = freeRange();
        PortAllocator ports = new PortAllocator(range);
        int first = ports.allocate();
        ports.release(first);

        int second = ports.allocate();

        assertThat(second).isNotEqualTo(first);
        assertThat(ports.isHeld(first)).isFalse();
        assertThat(ports.isHeld(second)).isTrue();
    }

    @Test
    void aHeldPortIsNeverHandedOut() {
        PortRange range = freeRange();
        PortAllocator ports = new PortAllocator(range);
        ports.hold(range.first());

        for (int i = 0; i < range.size() - 1; i++) {
            assertThat(ports.allocate()).isNotEqualTo(range.first());
        }
    }

    @Test
    void rangesAreParsedAndCheckedWithClearMessages() {
        assertThat(PortRange.parse("42600-42699")).isEqualTo(PortRange.DEFAULT);
        assertThat(PortRange.parse(" 5000 - 5009 ").size()).isEqualTo(10);
        assertThatThrownBy(() -> PortRange.parse("42600"))
                .hasMessage("'42600' is not a port range; write it as FIRST-LAST, such as 42600-42699");
        assertThatThrownBy(() -> PortRange.parse("80-90")).hasMessageContaining("between 1024 and 65535");
        assertThatThrownBy(() -> PortRange.parse("5010-5000")).hasMessageContaining("the first not above the last");
    }

    /**
     * Ten consecutive ports that are free now, below the kernel's ephemeral range (32768 and up), where
     * outgoing connections of other programs could take one at any moment.
     */
    private static PortRange freeRange() {
        for (int first = 20_000 + (int) (ProcessHandle.current().pid() % 100) * 10; first < 32_000; first += 10) {
            PortRange candidate = new PortRange(first, first + 9);
            if (java.util.stream.IntStream.rangeClosed(first, first + 9).allMatch(PortAllocatorTest::bindable)) {
                return candidate;
            }
        }
        throw new AssertionError("no ten free ports in a row below 32000");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
