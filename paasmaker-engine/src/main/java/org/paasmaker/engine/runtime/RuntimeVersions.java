package org.paasmaker.engine.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * How a manifest's runtime version picks an installed one: the same text, or a prefix ending at a dot
 * ({@code 17} and {@code 17.0} pick {@code 17.0.15}); the newest of several matches wins.
 */
public final class RuntimeVersions {

    /** Newest first: numeric parts compared as numbers, so 3.10 is newer than 3.9. */
    public static final Comparator<String> NEWEST_FIRST = RuntimeVersions::compareNumerically;

    private RuntimeVersions() {
    }

    public static Optional<String> match(List<String> installed, String asked) {
        if (installed.contains(asked)) {
            return Optional.of(asked);
        }
        return installed.stream().filter(v -> v.startsWith(asked + ".")).sorted(NEWEST_FIRST).findFirst();
    }

    /** The installed version the manifest asks for, or an error that lists what this node has. */
    public static String require(String runtime, List<String> installed, String asked) {
        return match(installed, asked).orElseThrow(() -> new PaasmakerException(ErrorCode.PLUGIN_NOT_ENABLED,
                "the runtime " + runtime + " has no version '" + asked + "' on this node; it has: "
                        + (installed.isEmpty() ? "none" : String.join(", ", installed))));
    }

    private static int compareNumerically(String a, String b) {
        String[] left = a.split("[.\\-_+]");
        String[] right = b.split("[.\\-_+]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "";
            String r = i < right.length ? right[i] : "";
            int order = l.matches("\\d+") && r.matches("\\d+")
                    ? Long.compare(Long.parseLong(r), Long.parseLong(l))
                    : r.compareTo(l);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
