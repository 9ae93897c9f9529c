package org.paasmaker.engine.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Python virtualenv that {@code paasmaker.prepare.pythonpip} made in the prepared code, named by a
 * marker file at the code's root, is active in every instance of that code: its {@code bin} first on
 * the {@code PATH} and {@code VIRTUAL_ENV} set, as {@code activate} would do, whatever the runtime.
 */
public final class Virtualenv {

    /** The marker: a file at the code's root holding the virtualenv's directory, relative to the root. */
    public static final String MARKER = ".paasmaker-virtualenv";

    private Virtualenv() {
    }

    /** The environment with the code's virtualenv active, or as it is when the code has none. */
    static Map<String, String> activate(Path code, Map<String, String> environment) {
        return find(code).map(directory -> {
            Map<String, String> active = new LinkedHashMap<>(SearchPath.prepend(environment,
                    directory.resolve("bin").toString()));
            active.put("VIRTUAL_ENV", directory.toString());
            active.remove("PYTHONHOME");
            return active;
        }).orElse(environment);
    }

    private static Optional<Path> find(Path code) {
        Path marker = code.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            Path directory = code.resolve(Files.readString(marker, StandardCharsets.UTF_8).strip()).normalize();
            return directory.startsWith(code) && Files.isDirectory(directory.resolve("bin"))
                    ? Optional.of(directory) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
