package org.paasmaker.engine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.paasmaker.api.instance.PortRange;

class EphemeralPortsTest {

    private static final String LINUX_DEFAULT = "32768\t60999\n";

    @Test
    void theDefaultRangeOnADefaultKernelGetsTheLineThatReservesIt() {
        assertThat(EphemeralPorts.warning(PortRange.DEFAULT, LINUX_DEFAULT, "\n")).hasValueSatisfying(warning ->
                assertThat(warning)
                        .startsWith("100 of the instances' ports 42600-42699 lie in the kernel's range for outgoing"
                                + " connections (32768-60999) and are not reserved")
                        .contains("sysctl -w net.ipv4.ip_local_reserved_ports=42600-42699 ")
                        .contains("the line net.ipv4.ip_local_reserved_ports = 42600-42699, in a file of /etc/sysctl.d")
                        .endsWith("or choose ports below 32768 with PAASMAKER_PORTS"));
    }

    @Test
    void portsAlreadyReservedKeepTheirPlaceInTheLine() {
        assertThat(EphemeralPorts.warning(PortRange.DEFAULT, LINUX_DEFAULT, "8080,42600-42649\n"))
                .hasValueSatisfying(warning -> assertThat(warning).startsWith("50 of the instances' ports")
                        .contains("ip_local_reserved_ports=8080,42600-42649,42600-42699 "));
    }

    @Test
    void aReservedOrAnUnsharedRangeGetsNoWarning() {
        assertThat(EphemeralPorts.warning(PortRange.DEFAULT, LINUX_DEFAULT, "42600-42699\n")).isEmpty();
        assertThat(EphemeralPorts.warning(PortRange.DEFAULT, LINUX_DEFAULT, "8080,42000-43000")).isEmpty();
        assertThat(EphemeralPorts.warning(new PortRange(20000, 20099), LINUX_DEFAULT, "")).isEmpty();
        assertThat(EphemeralPorts.warning(PortRange.DEFAULT, "49152 65535", "")).isEmpty();
    }

    @Test
    void aRangeAcrossTheEdgeCountsOnlyThePortsInside() {
        assertThat(EphemeralPorts.warning(new PortRange(32700, 32799), LINUX_DEFAULT, ""))
                .hasValueSatisfying(warning -> assertThat(warning).startsWith("32 of the instances' ports 32700-32799"));
    }

    @Test
    void thisMachinesKernelIsRead() {
        assumeTrue(Files.isReadable(Path.of("/proc/sys/net/ipv4/ip_local_port_range")), "a Linux kernel");
        assertThat(EphemeralPorts.warning(new PortRange(1024, 65535))).hasValueSatisfying(warning -> assertThat(warning)
                .matches("\\d+ of the instances' ports 1024-65535 lie in the kernel's range for outgoing connections"
                        + " \\(\\d+-\\d+\\) and are not reserved: .*"));
    }

    @Test
    void aProcessWarnsOnceForARange() {
        assumeTrue(Files.isReadable(Path.of("/proc/sys/net/ipv4/ip_local_port_range")), "a Linux kernel");
        List<String> log = new ArrayList<>();
        PortRange everything = new PortRange(1025, 65535);
        EphemeralPorts.warnOnce(everything, log::add);
        EphemeralPorts.warnOnce(everything, log::add);
        assertThat(log).singleElement().asString().contains("ports 1025-65535");
    }
}
