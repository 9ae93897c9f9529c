package org.paasmaker.api.manifest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for names that end up in hostnames: instance type names (one DNS label) and routed hostnames. */
final class DnsNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_CHARACTERS = Pattern.compile("[a-z0-9-]+");
    private static final int MAX_HOSTNAME = 253;
    private static final int MAX_LABEL = 63;

    private DnsNames() {
    }

    /** Why the name cannot be a DNS label, if it cannot. */
    static Optional<String> labelProblem(String name) {
        if (LABEL.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(Describe.quote(name) + " cannot be used in hostnames: use 1 to " + MAX_LABEL
                + " lowercase letters, digits and hyphens, not starting or ending with a hyphen");
    }

    /**
     * Why the text is not a hostname the router can serve, if it is not. Case does not matter (the
     * manifest keeps hostnames lowercased); {@code *.} may start one, and {@code *} alone catches every
     * name no other route has.
     */
    static Optional<String> hostnameProblem(String hostname) {
        String name = hostname.toLowerCase(Locale.ROOT);
        if (name.equals("*")) {
            return Optional.empty();
        }
        String problem = Describe.quote(hostname) + " is not a hostname: ";
        int scheme = name.indexOf("://");
        if (scheme >= 0) {
            return Optional.of(problem + "give the name alone, without '" + name.substring(0, scheme + 3) + "'");
        }
        if (name.indexOf('/') >= 0) {
            return Optional.of(problem + "give the name alone, without a path");
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of(problem + "give the name alone, without a port");
        }
        String labels = name.startsWith("*.") ? name.substring(2) : name;
        if (labels.length() > MAX_HOSTNAME) {
            return Optional.of(problem + "it is longer than " + MAX_HOSTNAME + " characters");
        }
        if (labels.endsWith(".")) {
            return Optional.of(problem + "remove the dot at its end");
        }
        for (String label : labels.split("\\.", -1)) {
            Optional<String> labelProblem = hostnameLabelProblem(label);
            if (labelProblem.isPresent()) {
                return Optional.of(problem + labelProblem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> hostnameLabelProblem(String label) {
        if (label.isEmpty()) {
            return Optional.of("it has an empty part between dots");
        }
        if (label.contains("*")) {
            return Optional.of("a * may only start a hostname, as in '*.example.com'");
        }
        if (label.length() > MAX_LABEL) {
            return Optional.of("a part between dots is longer than " + MAX_LABEL + " characters");
        }
        if (!LABEL_CHARACTERS.matcher(label).matches()) {
            return Optional.of(Describe.quote(label) + " may contain only letters, digits and hyphens");
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            return Optional.of(Describe.quote(label) + " starts or ends with a hyphen");
        }
        return Optional.empty();
    }
}
