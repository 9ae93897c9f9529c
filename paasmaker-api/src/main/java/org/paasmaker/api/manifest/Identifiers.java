package org.paasmaker.api.manifest;

import java.util.Optional;
import java.util.regex.Pattern;

/** The original's rules for names in a manifest: application and service names, plugin names and labels. */
final class Identifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[-A-Za-z0-9.]+");
    private static final Pattern PLUGIN_NAME = Pattern.compile("[-a-z0-9._]+");

    private Identifiers() {
    }

    /** Why the text is not a name of an application, a service or a plugin use, if it is not. */
    static Optional<String> identifierProblem(String name) {
        return IDENTIFIER.matcher(name).matches() ? Optional.empty()
                : Optional.of(Describe.quote(name) + " may contain only letters, digits, '-' and '.'");
    }

    static Optional<String> pluginNameProblem(String name) {
        return PLUGIN_NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of(Describe.quote(name) + " is not a plugin name: plugin names are lowercase letters,"
                        + " digits, '-', '.' and '_', such as paasmaker.runtime.shell");
    }
}
