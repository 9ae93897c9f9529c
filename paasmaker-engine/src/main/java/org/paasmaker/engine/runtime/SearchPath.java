package org.paasmaker.engine.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** Puts a directory first on an environment's {@code PATH}. */
final class SearchPath {

    private SearchPath() {
    }

    static Map<String, String> prepend(Map<String, String> base, String directory) {
        Map<String, String> environment = new LinkedHashMap<>(base);
        String path = base.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("PATH", path.isEmpty() ? directory : directory + ":" + path);
        return environment;
    }
}
