package org.paasmaker.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test's last safety net: kills (SIGKILL) every process working in a directory under the given
 * one, also when that directory was deleted. Instances outlive their engine on purpose, so a test that
 * fails half-way (its engine replaced, its records gone) would otherwise leave them holding ports.
 */
public final class ProcessesUnder {

    private ProcessesUnder() {
    }

    public static void kill(Path directory) {
        String prefix = directory.toAbsolutePath().normalize().toString() + "/";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String cwd;
                try {
                    cwd = Files.readSymbolicLink(process.resolve("cwd")).toString();
                } catch (IOException | SecurityException e) {
                    continue; // gone meanwhile, or not ours to read
                }
                if (cwd.startsWith(prefix)) {
                    ProcessHandle.of(Long.parseLong(process.getFileName().toString()))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
