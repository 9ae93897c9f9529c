package org.paasmaker.api.manifest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Names that must not repeat in a manifest, each remembered with the path that gave it first. */
final class UniqueNames {

    private final Map<String, String> firstPaths = new HashMap<>();

    /** Takes the name for {@code path}; if it was taken before, the path that took it. */
    Optional<String> claim(String name, String path) {
        return Optional.ofNullable(firstPaths.putIfAbsent(name, path));
    }
}
