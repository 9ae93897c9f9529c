package org.paasmaker.war.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test's last safety net: kills (SIGKILL) every process that works in its directory or names it on
 * its command line. Routers and instances outlive their controller and agent on purpose, and after a
 * SIGKILL nothing else would ever stop them.
 */
final class LeftoverProcesses {

    private LeftoverProcesses() {
    }

    static void kill(Path directory) {
        String prefix = directory.toAbsolutePath().normalize() + "/";
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && (worksIn(process, prefix) || names(process, prefix))) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean worksIn(Path process, String prefix) {
        try {
            return (Files.readSymbolicLink(process.resolve("cwd")) + "/").startsWith(prefix);
        } catch (IOException | SecurityException e) {
            return false; // gone meanwhile, or not ours to read
        }
    }

    private static boolean names(Path process, String prefix) {
        try {
            // Arguments are separated by NULs: each may be the directory or a path under it.
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').contains(prefix);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
