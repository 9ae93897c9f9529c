package org.paasmaker.api.instance;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The TCP ports a node hands to instances, both ends included. The original Paasmaker's default,
 * 42600-42699, is ours too.
 */
public record PortRange(int first, int last) {

    public static final PortRange DEFAULT = new PortRange(42600, 42699);

    public PortRange {
        if (first < 1024 || last > 65535 || first > last) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the port range " + first + "-" + last
                    + " is not usable: give two ports between 1024 and 65535, the first not above the last");
        }
    }

    /** "42600-42699", as {@code PAASMAKER_PORTS} gives it. */
    public static PortRange parse(String text) {
        String[] ends = text.strip().split("-", -1);
        if (ends.length != 2 || !ends[0].strip().matches("\\d{1,5}") || !ends[1].strip().matches("\\d{1,5}")) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "'" + text + "' is not a port range; write it as FIRST-LAST, such as 42600-42699");
        }
        return new PortRange(Integer.parseInt(ends[0].strip()), Integer.parseInt(ends[1].strip()));
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
