package org.paasmaker.engine.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bin/paasmaker-agent} as an operator copies it to another machine: the launcher and the script
 * it sources, beside a copy of the packaged jar and its {@code lib/}, so that the launcher's first run
 * there makes the agent's class data sharing archive beside the jar.
 */
final class AgentMachine {

    private static final Path BIN = Path.of("../bin").toAbsolutePath().normalize();

    private AgentMachine() {
    }

    /** The jar, its lib/ and the launcher, in {@code machine}; returns the launcher. */
    static Path copy(Path jar, Path machine) throws IOException {
        Files.copy(jar, machine.resolve("paasmaker-engine.jar"));
        Path lib = Files.createDirectories(machine.resolve("lib"));
        try (Stream<Path> jars = Files.list(jar.resolveSibling("lib"))) {
            for (Path file : jars.toList()) {
                Files.copy(file, lib.resolve(file.getFileName()));
            }
        }
        return copyLauncher(machine);
    }

    /** The launcher and what it sources, alone in {@code directory}; returns the launcher. */
    static Path copyLauncher(Path directory) throws IOException {
        for (String script : List.of("paasmaker-agent", "java-cds.sh")) {
            Files.copy(BIN.resolve(script), directory.resolve(script));
        }
        return directory.resolve("paasmaker-agent");
    }

    /** The archives (and half-made ones) the launcher made in {@code machine}. */
    static List<Path> archives(Path machine) throws IOException {
        try (Stream<Path> files = Files.list(machine)) {
            return files.filter(file -> file.getFileName().toString().matches("paasmaker-engine-java.+\\.jsa.*"))
                    .toList();
        }
    }
}
