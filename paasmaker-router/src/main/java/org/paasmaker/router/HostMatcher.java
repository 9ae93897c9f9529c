package org.paasmaker.router;

import org.paasmaker.api.routing.Route;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the value for a Host header as the original Paasmaker router did: lowercased, port
 * stripped, the exact name first, then {@code *.} plus each ever shorter suffix, then {@code *}.
 * One pass from the end of the header hashes every suffix; the work grows with the number of labels,
 * not with the number of hostnames, and nothing is allocated.
 */
final class HostMatcher<V> {

    private final HostTable<V> exact;
    private final HostTable<V> wildcards;
    private final V catchAll;

    /** @param patterns lowercased hostname patterns as {@link Route} checks them, with their values */
    HostMatcher(Map<String, V> patterns) {
        Map<String, V> exactNames = new HashMap<>();
        Map<String, V> suffixes = new HashMap<>();
        V any = null;
        for (Map.Entry<String, V> entry : patterns.entrySet()) {
            String pattern = entry.getKey();
            if (pattern.equals(Route.CATCH_ALL)) {
                any = entry.getValue();
            } else if (pattern.startsWith(Route.WILDCARD_PREFIX)) {
                suffixes.put(pattern.substring(Route.WILDCARD_PREFIX.length()), entry.getValue());
            } else {
                exactNames.put(pattern, entry.getValue());
            }
        }
        exact = new HostTable<>(exactNames);
        wildcards = new HostTable<>(suffixes);
        catchAll = any;
    }

    /** The value serving this Host header; null when no pattern matches (or the header names no host). */
    V match(CharSequence hostHeader) {
        int end = nameEnd(hostHeader);
        if (end == 0) {
            return null;
        }
        V longestWildcard = null;
        int hash = 0;
        for (int i = end - 1; i >= 0; i--) {
            char c = HostTable.lowercase(hostHeader.charAt(i));
            if (c == '.') {
                // hash is now that of the suffix after this dot; going left, each match is longer.
                V match = wildcards.get(hash, hostHeader, i + 1, end);
                if (match != null) {
                    longestWildcard = match;
                }
            }
            hash = HostTable.hashStep(hash, c);
        }
        V match = exact.get(hash, hostHeader, 0, end);
        if (match != null) {
            return match;
        }
        return longestWildcard != null ? longestWildcard : catchAll;
    }

    /** Where the name ends: before a {@code :port}, or after the {@code ]} of an IPv6 literal. */
    static int nameEnd(CharSequence host) {
        int length = host.length();
        if (length > 0 && host.charAt(0) == '[') {
            for (int i = 1; i < length; i++) {
                if (host.charAt(i) == ']') {
                    return i + 1;
                }
            }
            return length;
        }
        for (int i = length - 1; i >= 0; i--) {
            char c = host.charAt(i);
            if (c == ':') {
                return i;
            }
            if (c < '0' || c > '9') {
                return length;
            }
        }
        return length;
    }
}
