package org.paasmaker.engine.port;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.paasmaker.api.instance.PortRange;

/**
 * Whether the kernel may give the instances' ports to this machine's outgoing connections. The
 * default range, 42600-42699 as the original's, lies inside Linux's ephemeral range (32768-60999): a
 * connection from any process can take an instance's port between its allocation and the bind, and the
 * instance then fails with "address already in use". Reserving the range
 * ({@code net.ipv4.ip_local_reserved_ports}) closes that; the engine and the node agent say so at start.
 */
public final class EphemeralPorts {

    private static final Path LOCAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Path RESERVED = Path.of("/proc/sys/net/ipv4/ip_local_reserved_ports");
    private static final String KEY = "net.ipv4.ip_local_reserved_ports";
    /** The ranges this process has warned about: the kernel's setting is the machine's, so once is enough. */
    private static final Set<PortRange> WARNED = ConcurrentHashMap.newKeySet();

    private EphemeralPorts() {
    }

    /** Tells {@code log} the {@link #warning} for the range, the first time this process asks about it. */
    public static void warnOnce(PortRange instances, Consumer<String> log) {
        if (WARNED.add(instances)) {
            warning(instances).ifPresent(log);
        }
    }

    /** The warning for this machine's kernel; empty when the range is safe or the kernel does not say. */
    static Optional<String> warning(PortRange instances) {
        try {
            return warning(instances, read(LOCAL_RANGE), read(RESERVED));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no such files (not Linux), or worded otherwise: nothing to advise
        }
    }

    /** Read as a stream: Files.readString trusts the size /proc reports, and gets a byte of "32768 60999". */
    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /**
     * The warning for the kernel's two settings as their files give them: the ephemeral range
     * ("32768\t60999") and the reserved ports ("", or "42600-42699,8080").
     */
    static Optional<String> warning(PortRange instances, String ephemeral, String reserved) {
        String[] ends = ephemeral.strip().split("\\s+");
        int first = Math.max(instances.first(), Integer.parseInt(ends[0]));
        int last = Math.min(instances.last(), Integer.parseInt(ends[1]));
        BitSet kept = reservedPorts(reserved);
        int exposed = 0;
        for (int port = first; port <= last; port++) {
            if (!kept.get(port)) {
                exposed++;
            }
        }
        if (exposed == 0) {
            return Optional.empty();
        }
        String current = reserved.strip();
        String value = current.isEmpty() ? instances.toString() : current + "," + instances;
        return Optional.of(exposed + " of the instances' ports " + instances + " lie in the kernel's range for"
                + " outgoing connections (" + ends[0] + "-" + ends[1] + ") and are not reserved: a connection from"
                + " this machine can take one before its instance binds it, and that instance fails to start."
                + " Reserve them as root with sysctl -w " + KEY + "=" + value + " (to keep it, the line " + KEY
                + " = " + value + ", in a file of /etc/sysctl.d), or choose ports below " + ends[0]
                + " with PAASMAKER_PORTS");
    }

    private static BitSet reservedPorts(String reserved) {
        BitSet ports = new BitSet(65536);
        for (String part : reserved.strip().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] ends = part.strip().split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
            ports.set(from, to + 1);
        }
        return ports;
    }
}
