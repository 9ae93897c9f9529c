package org.paasmaker.engine.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * How a manifest's runtime version picks an installed one: the same text, as the original compared
 * it, or a prefix ending at a dot ({@code 3} and {@code 3.1} pick {@code 3.1.2}) when the versions
 * that have it are all of one release line (one major.minor); of those the newest wins, a patch
 * release being a drop-in. A prefix that spans several lines ({@code 3} with 3.11 and 3.12 installed)
 * is refused rather than guessed, so installing a new line on a node never moves an application onto it.
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
        List<String> matches = prefixed(installed, asked);
        return lines(matches).size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** The release lines (major.minor) of the versions, in order. */
    private static List<String> lines(List<String> versions) {
        return versions.stream().map(v -> v.replaceFirst("^([^.]+(?:\\.[^.]+)?).*$", "$1")).distinct().toList();
    }

    private static List<String> prefixed(List<String> installed, String asked) {
        return installed.stream().filter(v -> v.startsWith(asked + ".")).sorted(NEWEST_FIRST).toList();
    }

    /** The installed version the manifest asks for, or an error that lists what this node has. */
    public static String require(String runtime, List<String> installed, String asked) {
        List<String> matches = prefixed(installed, asked);
        if (!installed.contains(asked) && lines(matches).size() > 1) {
            throw new PaasmakerException(ErrorCode.PLUGIN_NOT_ENABLED, "the runtime " + runtime + " version '" + asked
                    + "' spans several release lines on this node (" + String.join(", ", matches)
                    + "); give enough of the version to name one line, such as " + lines(matches).get(0));
        }
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
